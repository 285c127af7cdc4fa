"""The sample sessions: each loads cleanly, exports a whole postmortem, and matches its build script."""

from __future__ import annotations

import importlib.util
import re
import sys

import pytest
from testdata import SAMPLES

from tui.core.postmortem.export import export_session
from tui.core.session import journal

FILES = sorted(SAMPLES.glob("*.jsonl"))
HEADINGS = [
    "Summary",
    "Detection",
    "Impact",
    "Timeline",
    "Response",
    "Root cause",
    "Resolution",
    "Prevention",
    "Action items",
]


def test_there_are_five_samples_and_the_replay_fixture():
    assert len(FILES) == 5
    assert (SAMPLES / "2025-04-08-pizza-factory-chaos.jsonl") in FILES


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_sample_loads_and_exports_a_finished_postmortem(path):
    loaded = journal.load(path)
    assert loaded.problems == []
    session = loaded.session
    assert {"impact_started", "detected", "acknowledged", "resolved"} <= set(session.milestones())
    assert session.fields.root_cause and session.fields.resolution and session.action_items
    text = export_session(session)
    assert re.findall(r"^## (.+)$", text, re.MULTILINE) == HEADINGS
    assert text.startswith("# Incident: ")
    assert "```mermaid" in text
    assert "TODO: the root cause" not in text and "TODO: corrective actions" not in text


def test_the_report_url_key_is_redacted_in_the_default_export():
    session = journal.load(SAMPLES / "2025-04-08-pizza-factory-chaos.jsonl").session
    raw = export_session(session, redacted=False)
    key = re.search(r"/api/support/([^/\s]+)/report/", raw)
    assert key is not None
    text = export_session(session)
    assert key.group(1) not in text
    assert "/api/support/[REDACTED]/report/[REDACTED]" in text


def test_seed_000_reads_as_the_seed_wrote_it():
    text = export_session(journal.load(SAMPLES / "2025-04-08-pizza-factory-chaos.jsonl").session)
    assert "All times are GMT." in text
    assert "- _10:28_ - Kristian Green acknolwedged the issue and began debugging the incident." in text
    assert "After receiving a page at 10:26 GMT, Kristian Green came online at 10:28 GMT." in text


def test_committed_samples_are_what_the_build_script_writes(tmp_path, monkeypatch):
    spec = importlib.util.spec_from_file_location("build_samples", SAMPLES / "build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "build_samples", module)  # dataclasses look their module up
    spec.loader.exec_module(module)
    written = module.build(tmp_path)
    assert sorted(p.name for p in written) == [p.name for p in FILES]
    for path in written:
        assert path.read_bytes() == (SAMPLES / path.name).read_bytes(), path.name
