"""Recording an inspected response and a followed report URL in a session: the events and the ticks."""

from __future__ import annotations

import re

from tui.core.factory.follow import RESOLVED, FollowResult, answer_outcome
from tui.core.factory.response import Findings
from tui.core.session.model import Event
from tui.core.session.recorder import Recorder
from tui.core.session.steps import tick_matching

# Runbook steps these actions complete, matched loosely so a team's own wording still counts.
INSPECT_ITEM = re.compile(r"\binspect\b.*\bfactory response\b", re.IGNORECASE)
FOLLOW_ITEM = re.compile(r"\bfollow\b.*\breport url\b", re.IGNORECASE)


def inspect_event_text(findings: Findings) -> str:
    """ "Inspected factory response: 500 chaos monkey", then the URL in full: the journal keeps it whole
    and exports redact its key and code."""
    text = f"Inspected factory response: {findings.summary()}"
    if not findings.report_links:
        return text + " (no report URL found)"
    return text + "; report URL " + " ".join(link.url for link in findings.report_links)


FOLLOWED = "Followed report URL: "
# The recorded answer, as follow_event_text writes it: the status, then the factory's sentence.
_RECORDED_ANSWER = re.compile(r"(?P<status>[1-5]\d\d)(?: (?P<message>.+))?", re.DOTALL)


def follow_event_text(result: FollowResult) -> str:
    """ "Followed report URL: 200 Problem resolved. Pizza is back on the menu!", or why there was no answer."""
    return FOLLOWED + result.summary()


def follow_restored(text: str) -> bool:
    """Whether a follow event's text records the factory's success answer ("200 Problem resolved. ...").

    The session keeps only the text; a follow that failed ("could not reach ...", "400 Problem
    unresolved") or whose text was edited into something else did not, as far as the session shows."""
    if not text.startswith(FOLLOWED):
        return False
    answer = _RECORDED_ANSWER.fullmatch(text[len(FOLLOWED) :].strip())
    return answer is not None and answer_outcome(int(answer["status"]), answer["message"]) == RESOLVED


def record_inspection(recorder: Recorder, findings: Findings, *, source: str) -> Event:
    """Add the inspection to the timeline and tick the runbook's inspect step if it has one."""
    event = recorder.add_event(inspect_event_text(findings), kind="inspect", source=source)
    tick_matching(recorder, INSPECT_ITEM)
    return event


def record_follow(recorder: Recorder, result: FollowResult, *, source: str) -> Event:
    """Add the factory's answer to the timeline; the runbook's follow step is ticked only when it worked."""
    event = recorder.add_event(follow_event_text(result), kind="follow", source=source)
    if result.ok:
        tick_matching(recorder, FOLLOW_ITEM)
    return event
