"""Milestones and their runbook steps complete each other: `a` ticks "Acknowledge the page", and back."""

from __future__ import annotations

from datetime import timedelta

from tui.core.session import journal
from tui.core.session.folder import start_session
from tui.core.session.recorder import Recorder
from tui.core.session.steps import milestone_of_step, stamp_milestone, toggle_step


def test_step_wording_names_its_milestone():
    assert milestone_of_step("Acknowledge the page in Grafana OnCall") == "acknowledged"
    assert milestone_of_step("Mitigate: roll back, fail over or disable") == "mitigated"
    assert milestone_of_step("Resolve the alert and post the all-clear") == "resolved"
    assert milestone_of_step("Verify orders succeed again") is None
    assert milestone_of_step("Post an update once you acknowledge") is None  # the step's own verb opens it


def test_a_milestone_ticks_its_step_at_the_milestone_time(clock):
    path = start_session("t", clock=clock, runbook="pizza-factory-chaos")
    recorder = Recorder(path, clock=clock)
    pressed = clock.now() - timedelta(minutes=3)
    stamp_milestone(recorder, "acknowledged", pressed)
    step = journal.load(path).session.checklist[0]
    assert (step.text, step.checked, step.checked_at) == ("Acknowledge the page in Grafana OnCall", True, pressed)
    stamp_milestone(recorder, "detected", clock.now())  # no step for it: nothing else ticked
    assert [item.checked for item in journal.load(path).session.checklist].count(True) == 1


def test_ticking_a_step_stamps_its_milestone_once_and_unticking_takes_nothing_back(clock):
    path = start_session("t", clock=clock, runbook="default")
    recorder = Recorder(path, clock=clock)
    resolve = next(item for item in recorder.session.checklist if item.text.startswith("Resolve"))
    at = clock.now()
    toggle_step(recorder, resolve.id, time=at)
    assert journal.load(path).session.milestones() == {"resolved": at}
    toggle_step(recorder, resolve.id)  # unticked
    toggle_step(recorder, resolve.id, time=at + timedelta(minutes=1))  # ticked again
    session = journal.load(path).session
    assert session.milestones() == {"resolved": at}
    assert [e.kind for e in session.events].count("resolved") == 1


def test_a_step_already_ticked_stays_ticked_when_its_milestone_is_stamped(clock):
    path = start_session("t", clock=clock, runbook="default")
    recorder = Recorder(path, clock=clock)
    recorder.toggle_check(recorder.session.checklist[0].id)  # "Acknowledge the page", ticked alone
    stamp_milestone(recorder, "acknowledged", clock.now())
    session = journal.load(path).session
    assert session.checklist[0].checked and set(session.milestones()) == {"acknowledged"}
    assert [e.kind for e in session.events].count("check") == 1
