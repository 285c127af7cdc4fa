"""The importer against real postmortems: how many of the entries a careful reader finds it finds.

Run `PYTHONPATH=tests/support .venv/bin/python tests/core/importing/test_corpus.py` from the repository root
for the per-report table and the figure.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from imported import imported_session
from testdata import CORPUS, SEEDS

from tui.core.importing.reader import ParsedPostmortem, parse_postmortem
from tui.core.postmortem.markdown import render_postmortem
from tui.core.session.model import Session

EXPECTED = CORPUS / "expected_timelines.json"


def normalise(text: str) -> str:
    """Compare words, not markup: emphasis, code ticks and runs of spaces do not count."""
    return re.sub(r"\s+", " ", re.sub(r"[*_`]", "", text)).strip()


@dataclass
class Score:
    name: str
    expected: int
    found: int
    missing: list[tuple[str, str]]
    zone_ok: bool
    date_ok: bool


def score(name: str, parsed: ParsedPostmortem, expected: dict) -> Score:
    """Match each expected [time, text] to a distinct parsed entry; "A|B" times accept either."""
    zone = parsed.effective_zone.tz
    got = [(e.time.astimezone(zone).strftime("%H:%M"), normalise(e.text)) for e in parsed.entries]
    used = [False] * len(got)
    missing = []
    for when, text in expected["timeline"]:
        choices = when.split("|")
        for index, (clock, words) in enumerate(got):
            if not used[index] and clock in choices and words == normalise(text):
                used[index] = True
                break
        else:
            missing.append((when, text))
    zone_name = parsed.zone.name if parsed.zone else None
    return Score(
        name,
        len(expected["timeline"]),
        len(expected["timeline"]) - len(missing),
        missing,
        zone_name == expected["zone"],
        str(parsed.date) == expected["date"],
    )


def corpus_scores(read=lambda path: parse_postmortem(path.read_text(encoding="utf-8"))) -> list[Score]:
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    return [score(name, read(CORPUS / name), want) for name, want in sorted(expected.items())]


def figure(scores: list[Score]) -> tuple[int, int]:
    return sum(s.found for s in scores), sum(s.expected for s in scores)


@pytest.fixture(scope="module")
def scores() -> list[Score]:
    return corpus_scores()


def test_importer_finds_95_percent_of_expected_entries(scores):
    found, total = figure(scores)
    print(f"\ncorpus: {found}/{total} expected timeline entries found ({found / total:.1%})")
    assert total > 100
    assert found / total >= 0.95, [(s.name, s.missing) for s in scores if s.missing]


def test_importer_reads_zone_and_date_of_nearly_every_report(scores):
    zones = sum(s.zone_ok for s in scores)
    dates = sum(s.date_ok for s in scores)
    print(f"\ncorpus: zone right in {zones}/{len(scores)}, date right in {dates}/{len(scores)}")
    assert zones / len(scores) >= 0.9 and dates / len(scores) >= 0.9


def test_every_corpus_report_imports_without_losing_lines():
    """Each non-blank line of a timeline is an entry, part of one, a declaration, or a note."""
    for path in sorted(CORPUS.glob("*.md")):
        parsed = parse_postmortem(path.read_text(encoding="utf-8"))
        noted = {n.line for n in parsed.notes}
        assert noted <= {line for line, _ in parsed.warnings}, path.name


# -- the seeds: no expected file, so their timelines as read by hand -----------------------------

SEED_TIMES = {
    "000": ("GMT", ["10:24", "10:25"] + ["10:26"] * 7 + ["10:28", "10:43", "10:43", "10:44", "10:45"]),
    "001": ("UTC", ["19:35", "19:45", "19:50", "19:52", "20:00", "20:14", "20:16"]),
    "002": ("UTC", ["18:44", "18:46", "18:47", "18:48", "18:48", "18:49", "18:50"]),
    "003": ("UTC-6", ["12:00:24", "12:01", "12:02", "12:03", "12:05"]),
    "004": ("UTC", ["19:34", "19:34", "19:34", "19:35", "19:40", "19:45", "19:47", "19:47"]),
}


def seed_figure() -> tuple[int, int]:
    """Entries read at the time the seed gives them, in the zone it declares, each with its text."""
    found = total = 0
    for prefix, (zone, times) in SEED_TIMES.items():
        path = next(SEEDS.glob(f"{prefix}_*"))
        parsed = parse_postmortem(path.read_text(encoding="utf-8"))
        source = path.read_text(encoding="utf-8").splitlines()
        read = [
            (
                e.time.astimezone(parsed.effective_zone.tz).strftime("%H:%M:%S" if e.time.second else "%H:%M"),
                normalise(e.text) in normalise(source[e.line - 1]),
            )
            for e in parsed.entries
        ]
        total += len(times)
        if parsed.zone is not None and parsed.zone.name == zone:
            found += sum(1 for got, want in zip(read, times, strict=False) if got == (want, True))
    return found, total


def test_every_seed_entry_is_read():
    found, total = seed_figure()
    print(f"\nseeds: {found}/{total} timeline entries read")
    assert found == total == 41


# -- the round trip: import, export (not redacted), import again --------------------------------

NOW = datetime(2026, 1, 1, tzinfo=UTC)


def round_trip(path: Path) -> tuple[Session, ParsedPostmortem]:
    first = imported_session(parse_postmortem(path.read_text(encoding="utf-8")), now=NOW)
    return first, parse_postmortem(render_postmortem(first, redacted=False))


def test_round_trip_keeps_95_percent_of_expected_entries():
    found, total = figure(corpus_scores(lambda path: round_trip(path)[1]))
    print(f"\nround trip: {found}/{total} expected timeline entries survive ({found / total:.1%})")
    assert found / total >= 0.95


def reports() -> list[Path]:
    return sorted(CORPUS.glob("*.md")) + sorted(SEEDS.glob("*"))


@pytest.mark.parametrize("path", reports(), ids=lambda path: path.name[:24])
def test_round_trip_keeps_every_entry_section_and_item(path):
    first, again = round_trip(path)
    second = imported_session(again, now=NOW)
    assert [(e.time, e.text) for e in second.events] == [(e.time, e.text) for e in first.events]
    for name, text in asdict(first.fields).items():
        if text:
            assert getattr(second.fields, name) == text, name
    assert [(a.text, a.owner) for a in second.action_items] == [(a.text, a.owner) for a in first.action_items]


if __name__ == "__main__":
    results = corpus_scores()
    for result in results:
        flags = ("" if result.zone_ok else " zone?") + ("" if result.date_ok else " date?")
        print(f"{result.found:3}/{result.expected:<3} {result.name}{flags}")
        for when, text in result.missing:
            print(f"        missing {when} {text}")
    found, total = figure(results)
    print(f"TOTAL {found}/{total} = {found / total:.1%}")
    kept, _ = figure(corpus_scores(lambda path: round_trip(path)[1]))
    print(f"ROUND TRIP {kept}/{total} = {kept / total:.1%}")
    seeds_found, seeds_total = seed_figure()
    print(f"SEEDS {seeds_found}/{seeds_total}")
    sys.exit(0 if found / total >= 0.95 else 1)
