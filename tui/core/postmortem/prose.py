"""The postmortem's drafted prose: the template's sentences filled from milestones, fields and counts.

Every figure in a draft comes from the session. What the session does not know becomes a visible
prompt (`[TODO: ...]`) for the author, so a draft never states something nobody recorded.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cached_property
from operator import attrgetter

from tui.core.clock.zones import Zone
from tui.core.factory.inspection import FOLLOWED, follow_restored
from tui.core.metrics import Metrics, compute, impact_bounds, impact_window, incident_end, incident_start
from tui.core.postmortem.format import todo
from tui.core.safe_text import one_line
from tui.core.session.model import MILESTONE_LABELS, Event, Session

# A title Scribe made up when the user gave none says nothing about the symptoms.
_DEFAULT_TITLE = re.compile(r"^(?:incident\b|untitled\b)", re.IGNORECASE)


@dataclass(frozen=True)
class Facts:
    """What the drafts may rely on: the session seen in one zone, its milestones and durations."""

    session: Session
    zone: Zone
    marks: dict[str, datetime] = field(default_factory=dict)
    metrics: Metrics = field(default_factory=Metrics)

    @classmethod
    def of(cls, session: Session, zone: Zone) -> Facts:
        milestones = session.milestones()
        marks = {kind: moment.astimezone(zone.tz) for kind, moment in milestones.items()}
        return cls(session, zone, marks, compute(milestones).in_order())

    def local(self, moment: datetime) -> datetime:
        return moment.astimezone(self.zone.tz)

    @property
    def start(self) -> datetime | None:
        return incident_start(self.marks)

    @property
    def end(self) -> datetime | None:
        """The incident's end, unless it was stamped before its start."""
        end = incident_end(self.marks)
        return end if end is not None and (self.start is None or end >= self.start) else None

    def milestone_event(self, kind: str) -> Event | None:
        return self.session.milestone(kind)

    def events_of(self, kind: str) -> list[Event]:
        return [event for event in self.session.events if event.kind == kind]

    def count_of(self, kind: str) -> int:
        return self._kinds[kind]

    @cached_property
    def _kinds(self) -> Counter[str]:
        """How many live events of each kind: counted in one pass, where the drafts ask several times."""
        return Counter(map(attrgetter("kind"), self.session.events))

    # -- wording -------------------------------------------------------------------------------

    def clock(self, moment: datetime) -> str:
        """ "10:26", or "12:00:24" when the seconds were recorded: a duration in seconds must add up."""
        local = self.local(moment)
        return local.strftime("%H:%M:%S" if local.second else "%H:%M")

    def at(self, moment: datetime) -> str:
        """ "10:26 GMT"."""
        return f"{self.clock(moment)} {self.zone.name}"

    def span(self, start: datetime, end: datetime) -> str:
        """ "between 10:26 and 10:45 GMT on April 8, 2025", with both dates when the day changes."""
        first, last = self.local(start), self.local(end)
        if first.date() == last.date():
            return f"between {self.clock(first)} and {self.at(last)} on {long_date(first.date())}"
        return f"between {self.at(first)} on {long_date(first.date())} and {self.at(last)} on {long_date(last.date())}"

    @property
    def symptoms(self) -> str:
        title = one_line(self.session.title).strip()
        if not title or _DEFAULT_TITLE.match(title):
            return todo("what users experienced")
        return f"the incident “{title}”"


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def long_date(day: date) -> str:
    return f"{day.strftime('%B')} {day.day}, {day.year}"


def duration_words(delta: timedelta) -> str:
    """ "19 minutes", "1 hour 5 minutes", "45 seconds": seconds only where they matter (under 10 minutes)."""
    seconds = int(abs(delta.total_seconds()))
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [(days, "day"), (hours, "hour"), (minutes, "minute")]
    if seconds < 600:
        parts.append((secs, "second"))
    words = [f"{n} {unit}{'' if n == 1 else 's'}" for n, unit in parts if n]
    return " ".join(words) if words else "0 minutes"


def count_words(n: int, thing: str, plural: str | None = None) -> str:
    return f"{n} {thing if n == 1 else plural or thing + 's'}"


def _times(n: int) -> str:
    return {1: "once", 2: "twice"}.get(n, f"{n} times")


def _join(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def _clause(event: Event | None) -> str | None:
    """An event's text as a clause after "when ...", or None when it only names the milestone."""
    if event is None:
        return None
    text = one_line(event.text).strip().rstrip(".")
    if not text or text.lower() == MILESTONE_LABELS.get(event.kind, "").lower():
        return None
    if len(text) > 1 and text[0].isupper() and text[1].islower() and " " in text:
        first, rest = text.split(" ", 1)
        if first not in {"I"} and not _looks_like_name(text):
            text = first.lower() + " " + rest
    return text


def _looks_like_name(text: str) -> bool:
    """ "Kristian Green acknowledged": two capitalised words in a row start with a name; keep its case."""
    words = text.split()
    return len(words) > 1 and words[1][:1].isupper()


def users(value: str) -> str:
    """An impact figure as the author gave it; a bare number reads as a count of users."""
    value = one_line(value).strip()
    if value.isdigit():
        return count_words(int(value), "user")
    return value


# -- the sections ------------------------------------------------------------------------------


def summary(facts: Facts) -> str:
    session, impact = facts.session, facts.session.impact
    who = users(impact.users_affected) if impact.users_affected else todo("number of users affected")
    if facts.start and facts.end:
        opening = f"{_upper_first(facts.span(facts.start, facts.end))}, {who} experienced {facts.symptoms}."
    elif facts.start:
        opening = (
            f"Since {facts.at(facts.start)} on {long_date(facts.start.date())} (not resolved when "
            f"this was written), {who} experienced {facts.symptoms}."
        )
    else:
        opening = f"{todo('when the impact began and ended')}: {who} experienced {facts.symptoms}."
    sentences = [opening]
    source = one_line(session.fields.detection_source).strip() or todo("monitoring system or person")
    detected = facts.marks.get("detected")
    sentences.append(
        f"The event was detected by {source} at {facts.at(detected) if detected else todo('time of detection')}."
    )
    acknowledged = facts.marks.get("acknowledged")
    actions = _actions(facts)
    started = f" at {facts.at(acknowledged)}" if acknowledged else ""
    sentences.append(f"The team started working on the event{started} by {actions}.")
    cause = _first_sentence(session.fields.root_cause)
    if cause:
        sentences.append(f"Root cause: {cause}")
    severity = one_line(session.severity).strip() or todo("severity")
    share = one_line(impact.share_of_users).strip()
    affected = (f"{share} of users" if share.endswith("%") else share) if share else todo("share of users affected")
    sentences.append(f"This {severity} incident affected {affected}.")
    if facts.metrics.impact_duration is not None:
        sentences.append(f"The impact lasted {duration_words(facts.metrics.impact_duration)}.")
    tickets = one_line(impact.support_tickets).strip()
    further = (
        f"{tickets} support tickets and social media posts were raised in relation to this incident."
        if tickets
        else todo("further impact: support tickets, social media mentions, calls")
    )
    return " ".join(sentences) + "\n\n" + further


def _actions(facts: Facts) -> str:
    """What the responders did, counted from the timeline: runbook steps, inspections, report URLs."""
    parts = []
    checklist = facts.session.checklist
    if checklist:
        done = sum(1 for item in checklist if item.checked)
        parts.append(f"working through the runbook ({done} of {count_words(len(checklist), 'step')} done)")
    inspected = facts.count_of("inspect")
    if inspected:
        parts.append(f"inspecting the factory response{'' if inspected == 1 else ' ' + _times(inspected)}")
    followed = facts.count_of("follow")
    if followed:
        parts.append(f"following the report URL it gave{'' if followed == 1 else ' ' + _times(followed)}")
    return _join(parts) if parts else todo("first actions taken")


def _first_sentence(text: str) -> str:
    text = one_line(text).strip()
    if not text:
        return ""
    match = re.match(r"(.+?[.!?])(?:\s|$)", text)
    return match.group(1) if match else text + "."


def detection(facts: Facts) -> str:
    detected = facts.marks.get("detected")
    if detected is None:
        halved = todo("how could the time to detection be cut in half?")
        return f"{todo('when and how the incident was detected')}\n\n{halved}"
    clause = _clause(facts.milestone_event("detected"))
    sentence = (
        f"This incident was detected when {clause} at {facts.at(detected)}"
        if clause
        else f"This incident was detected at {facts.at(detected)}"
    )
    if facts.metrics.time_to_detect is not None:
        sentence += f", {duration_words(facts.metrics.time_to_detect)} after the impact began"
    sentences = [sentence + "."]
    source = one_line(facts.session.fields.detection_source).strip()
    sentences.append(
        f"It was detected by {source}."
        if source
        else f"It was detected by {todo('the alert or person that noticed it')}."
    )
    acknowledged = facts.marks.get("acknowledged")
    if acknowledged is not None and facts.metrics.time_to_acknowledge is not None:
        sentences.append(
            f"The page was acknowledged at {facts.at(acknowledged)}, "
            f"{duration_words(facts.metrics.time_to_acknowledge)} after detection."
        )
    return " ".join(sentences) + "\n\n" + todo("how could the time to detection be cut in half?")


def impact(facts: Facts) -> str:
    figures = facts.session.impact
    window = impact_window(facts.marks)
    start, end = impact_bounds(facts.marks)
    if window is not None:
        first = (
            f"For {duration_words(window.duration)} {facts.span(window.start, window.end)}, "
            f"users experienced {facts.symptoms}."
        )
    elif start and end:
        first = (
            f"From {facts.at(start)} on {long_date(start.date())}, users experienced {facts.symptoms}; "
            f"{todo('the milestones are out of order: check when the impact started and ended')}."
        )
    elif start:
        first = (
            f"From {facts.at(start)} on {long_date(start.date())}, users experienced {facts.symptoms}; "
            f"{todo('when the impact ended')}."
        )
    else:
        first = f"{todo('when the impact began and ended')}: users experienced {facts.symptoms}."
    who = users(figures.users_affected) if figures.users_affected else todo("number of users affected")
    share = one_line(figures.share_of_users).strip() or todo("share of users affected")
    paragraphs = [first, f"This incident affected {who} ({share})."]
    failed = one_line(figures.failed_requests).strip()
    if failed:
        paragraphs[-1] += f" Failed requests: {failed}."
    tickets = one_line(figures.support_tickets).strip()
    paragraphs.append(
        f"{tickets} support tickets and social media posts were submitted."
        if tickets
        else todo("number of support tickets and social media posts")
    )
    return "\n\n".join(paragraphs)


def _responder(facts: Facts) -> str:
    event = facts.milestone_event("acknowledged")
    if event is not None and event.author.strip():
        return one_line(event.author).strip()
    roles = facts.session.roles
    for role in ("on_call", "on-call", "incident_commander", "commander", "scribe"):
        if roles.get(role, "").strip():
            return one_line(roles[role]).strip()
    return todo("on-call engineer")


def response(facts: Facts) -> str:
    detected, acknowledged = facts.marks.get("detected"), facts.marks.get("acknowledged")
    who = _responder(facts)
    if detected and acknowledged:
        first = f"After receiving a page at {facts.at(detected)}, {who} came online at {facts.at(acknowledged)}."
    elif acknowledged:
        first = f"{who} came online at {facts.at(acknowledged)}."
    else:
        first = todo("who responded, and when they came online")
    sentences = [first]
    entries = len(facts.session.events) - facts.count_of("check")
    done = [f"recorded {count_words(entries, 'timeline entry', 'timeline entries')}"]
    inspected, followed = facts.count_of("inspect"), facts.count_of("follow")
    if facts.session.checklist:
        ticked = sum(1 for item in facts.session.checklist if item.checked)
        done.append(f"completed {ticked} of {count_words(len(facts.session.checklist), 'runbook step')}")
    if inspected:
        done.append(f"inspected the factory response {_times(inspected)}")
    if followed:
        done.append(f"followed the report URL {_times(followed)}")
    sentences.append(f"The responders {_join(done)}.")
    sentences.append(_closing(facts))
    return " ".join(sentence for sentence in sentences if sentence)


def _closing(facts: Facts) -> str:
    mitigated, resolved = facts.marks.get("mitigated"), facts.marks.get("resolved")
    if mitigated and resolved:
        return f"The impact was mitigated at {facts.at(mitigated)} and the incident resolved at {facts.at(resolved)}."
    if resolved:
        return f"The incident was resolved at {facts.at(resolved)}."
    if mitigated:
        return f"The impact was mitigated at {facts.at(mitigated)}; the incident is not yet resolved."
    return ""


def root_cause(facts: Facts) -> str:
    return todo("the root cause: what must change to prevent this class of incident")


def resolution(facts: Facts) -> str:
    """States a restoration only where the session shows one: a follow the factory answered with
    success, at that answer's time. A follow that failed is told as it was recorded."""
    followed = facts.events_of("follow")
    restored = next((event for event in followed if follow_restored(event.text)), None)
    sentences = []
    if restored is not None:
        answer = _follow_answer(restored)
        sentences.append(
            f"The service was restored by following the report URL from the factory response "
            f"at {facts.at(restored.time)}: the factory answered “{answer}”."
        )
    else:
        if followed:
            tries = _join([f"at {facts.at(event.time)} ({_follow_answer(event)})" for event in followed])
            sentences.append(
                f"The report URL was followed {tries}; the session records no success answer from the factory."
            )
        sentences.append(todo("how the service was restored"))
    closing = _closing(facts)
    if closing:
        sentences.append(closing)
    if facts.metrics.time_to_resolve is not None:
        sentences.append(f"From start to resolution the incident took {duration_words(facts.metrics.time_to_resolve)}.")
    return " ".join(sentences) + "\n\n" + todo("how could the time to mitigation be cut in half?")


def _follow_answer(event: Event) -> str:
    """What a follow event recorded, without the "Followed report URL:" every one starts with."""
    text = one_line(event.text).strip()
    return text[len(FOLLOWED) :].strip() if text.startswith(FOLLOWED) else text


def prevention(facts: Facts) -> str:
    return todo("other incidents with the same root cause, and what was tried then")


DRAFTS = {
    "summary": summary,
    "detection": detection,
    "impact": impact,
    "response": response,
    "root_cause": root_cause,
    "resolution": resolution,
    "prevention": prevention,
}
"""Section key → its draft, used wherever the author left the field empty."""
