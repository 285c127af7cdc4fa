"""The secrets corpus: no secret in it survives a redacted export (Markdown or JSON) or a replay frame,
wherever in a session it was written: a title, a note, a field, an action item, a checklist item,
a text edited away or an event deleted."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from testdata import DATA

from tui.core.postmortem.export import export_session
from tui.core.postmortem.redact import MASK, redact
from tui.core.replay import Player, redacted
from tui.core.session import operations as ops
from tui.core.session.fold import Fold

CASES = json.loads((DATA / "secrets" / "corpus.json").read_text(encoding="utf-8"))["cases"]
T0 = datetime(2025, 4, 8, 10, 0, tzinfo=UTC)


def session_ops(text: str) -> list[dict]:
    """One session holding `text` in every place a user can type it."""
    at = iter(T0 + timedelta(seconds=n) for n in range(100))
    create = ops.create_op(next(at), title=f"Outage {text}", checklist=[f"rotate {text}"])
    written = [create]
    kept = ops.add_event_op(next(at), time=T0, text=f"note {text}")
    edited = ops.add_event_op(next(at), time=T0, text=f"first draft {text}")
    gone = ops.add_event_op(next(at), time=T0, text=f"deleted {text}")
    written += [kept, edited, gone]
    written.append(ops.edit_event_op(next(at), edited["event"]["id"], text="fixed"))
    written.append(ops.delete_event_op(next(at), gone["event"]["id"]))
    written.append(ops.set_field_op(next(at), "fields.root_cause", f"root cause {text}"))
    written.append(ops.set_field_op(next(at), "impact.failed_requests", text))
    written.append(ops.add_action_op(next(at), f"rotate {text}", owner=text))
    written.append(ops.check_op(next(at), "c1", True))
    return written


def fold(written: list[dict]):
    folder = Fold()
    for op in written:
        folder.apply(op)
    return folder.session


def survivors(case: dict, shown: str) -> list[str]:
    return [secret for secret in case["secrets"] if secret in shown]


@pytest.mark.parametrize("case", CASES, ids=[f"{n}-{c['kind']}" for n, c in enumerate(CASES)])
def test_no_secret_survives_a_redacted_export(case):
    session = fold(session_ops(case["text"]))
    for fmt in ("markdown", "json"):
        exported = export_session(session, fmt=fmt)
        if fmt == "json":
            exported = json.dumps(json.loads(exported), ensure_ascii=False)  # its escapes read back
        assert not survivors(case, exported), (fmt, case["text"])
    unredacted = export_session(session, fmt="json", redacted=False)
    assert case["secrets"][0] in json.loads(unredacted)["session"]["events"][0]["text"]  # --no-redact keeps it


@pytest.mark.parametrize("case", CASES, ids=[f"{n}-{c['kind']}" for n, c in enumerate(CASES)])
def test_no_secret_survives_any_replay_frame(case):
    written = session_ops(case["text"])
    shown = redacted(written)
    assert not survivors(case, json.dumps(shown, ensure_ascii=False))  # every text a frame can draw
    player = Player(shown)
    while not player.finished:
        player.step_forward()
        session = player.session
        texts = [session.title, *(e.text for e in session.events), *(e.text for e in session.deleted)]
        texts += [item.text for item in session.checklist] + [a.text + a.owner for a in session.action_items]
        assert not survivors(case, "\n".join(texts)), case["text"]
    assert Player(written).steps[1].op["event"]["text"] == f"note {case['text']}"  # the file's own ops untouched


def test_every_case_is_masked_by_the_redaction_itself_and_says_so():
    for case in CASES:
        masked = redact(case["text"])
        assert MASK in masked and not survivors(case, masked), case["text"]


def test_near_misses_are_left_alone():
    for text in (
        "the tokenizer: bert",
        "author: Kim Green",
        "https://grafana.example.test:3000/d/abc?orgId=1&from=now-1h",
        "extension.configuration.setting was changed",
        "we rotated the password:\n- _10:25_ - purchases work again",
        "disk-usage-monitor-alerts-firing-on-all-nodes-now",
        "curl -v https://pizza.example.test/api/order",
    ):
        assert redact(text) == text, text
