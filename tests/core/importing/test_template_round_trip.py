"""Every shipped template reads back: importing an export written in any of them gives the same
timeline, fields and action items as importing the default one, and export, import, export is a
fixpoint in each."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from imported import imported_session

from tui.core.importing.reader import parse_postmortem
from tui.core.postmortem.markdown import render_postmortem
from tui.core.session import journal
from tui.core.session import operations as ops
from tui.core.session.fold import Fold

NOW = datetime(2026, 1, 1, tzinfo=UTC)
T0 = datetime(2025, 4, 8, 10, 24, tzinfo=UTC)
SAMPLES = sorted((Path(__file__).parents[3] / "sample_sessions").glob("*.jsonl"))
SHIPPED = ("jwt-pizza", "google-sre", "pagerduty", "atlassian")


def read_back(session, template: str):
    markdown = render_postmortem(session, redacted=False, template=template)
    return markdown, imported_session(parse_postmortem(markdown), now=NOW, title=session.title)


def contents(session) -> tuple:
    return (
        [(event.time, event.text) for event in session.events],
        session.fields,
        session.impact,
        session.severity,
        session.title,
        [(item.text, item.owner) for item in session.action_items],
    )


def check(session) -> None:
    _, default = read_back(session, "jwt-pizza")
    for template in SHIPPED:
        _, once = read_back(session, template)
        assert contents(once) == contents(default), template
        second, twice = read_back(once, template)
        assert render_postmortem(twice, redacted=False, template=template) == second, template


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda path: path.stem)
def test_every_shipped_template_reads_back_for_every_sample_session(sample):
    check(journal.load(sample).session)


words = st.text("abcdefghijklmnopqrstuvwxyz", min_size=3, max_size=7).map(lambda w: f"qx{w}")
phrase = st.lists(words, min_size=1, max_size=5).map(" ".join)


@st.composite
def sessions(draw):
    fold = Fold()
    fold.apply(ops.create_op(T0, title=f"Orders failing {draw(phrase)}", zone=draw(st.sampled_from(["UTC", "MST"]))))
    for minute in sorted(draw(st.lists(st.integers(0, 600), min_size=1, max_size=6))):
        kind = draw(st.sampled_from(["note", "impact_started", "detected", "mitigated", "resolved"]))
        fold.apply(ops.add_event_op(T0, time=T0 + timedelta(minutes=minute), kind=kind, text=draw(phrase)))
    fields = ["summary", "detection", "impact", "response", "root_cause", "resolution", "prevention"]
    for name in draw(st.lists(st.sampled_from(fields), max_size=4, unique=True)):
        fold.apply(ops.set_field_op(T0, f"fields.{name}", draw(phrase)))
    if draw(st.booleans()):
        fold.apply(ops.set_field_op(T0, "severity", "SEV2"))
    for _ in range(draw(st.integers(0, 2))):
        fold.apply(ops.add_action_op(T0, draw(phrase), draw(st.sampled_from(["", "kg"]))))
    return fold.session


@settings(max_examples=25, deadline=None)
@given(sessions())
def test_every_shipped_template_reads_back_for_any_session(session):
    check(session)
