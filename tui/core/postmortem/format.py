"""The postmortem's Markdown format: what the writer (tui.core.postmortem) puts on the page and the
reader (tui.core.importing) recognises as Scribe's own, defined once so the two cannot drift apart.

- the title, `# Incident: 2025-04-08 10-24-00`;
- the nine sections, `## Heading`, in the order of the team's template and the seeds;
- the prompt for what the session does not know, `[TODO: ...]`, on a line of its own where it
  stands for an empty field;
- the timeline's zone line, `All times are GMT.`, and one line per event, `- _10:24_ - text`
  (`_10:24:05_` where seconds tell events apart, `_2025-04-09 00:12_` once the day changes, and on
  the first line of a timeline that crosses midnight);
- the phase diagram, a ```mermaid gantt block titled `Incident phases (ZONE)`.
"""

from __future__ import annotations

import re
from datetime import datetime

SECTIONS: tuple[tuple[str, str], ...] = (
    ("summary", "Summary"),
    ("detection", "Detection"),
    ("impact", "Impact"),
    ("timeline", "Timeline"),
    ("response", "Response"),
    ("root_cause", "Root cause"),
    ("resolution", "Resolution"),
    ("prevention", "Prevention"),
    ("action_items", "Action items"),
)
"""(key, heading) of the nine sections, in the order the seeds write them."""

SECTION_KEYS: tuple[str, ...] = tuple(key for key, _ in SECTIONS)
"""The sections' keys, in order: the reader files other headings under their own text."""


def title_line(start: datetime) -> str:
    """The document's first line: when the incident started, in the zone of the export."""
    return f"# Incident: {start.strftime('%Y-%m-%d %H-%M-%S')}"


def section_heading(heading: str) -> str:
    return f"## {heading}"


# -- the prompt --------------------------------------------------------------------------------


def todo(what: str) -> str:
    """A prompt for the author, easy to spot and to search for."""
    return f"[TODO: {what}]"


PROMPT = re.compile(r"^\s*\[TODO: [^\]\n]*\]\s*$")
"""A line that is only a prompt: it stands for an empty field, so the reader drops it."""


# -- the timeline ------------------------------------------------------------------------------


def zone_line(zone_name: str) -> str:
    """The timeline's first line; the reader takes it as the zone declaration."""
    return f"All times are {zone_name}."


CLOCK: tuple[str, ...] = tuple(f"{hour:02d}:{minute:02d}" for hour in range(24) for minute in range(60))
"""The "HH:MM" of each minute of a day (index hour * 60 + minute), made once: a timeline of
10,000 events looks its stamps up rather than formatting each one."""
SECONDS: tuple[str, ...] = tuple(f":{second:02d}" for second in range(60))
"""The ":SS" added to a stamp where seconds tell events apart, or the author wrote them."""


def dated_stamp(day_iso: str, stamp: str) -> str:
    """The stamp of the first event of each day when the timeline crosses midnight, and of an event
    on a day other than the incident's: "2025-04-09 00:12"."""
    return f"{day_iso} {stamp}"


def responders_line(names: list[str]) -> str:
    """Who wrote the timeline, under the Response: "**Responders:** kgreen, dhiguero". Not a field:
    the reader keeps it as the Response's prose."""
    return "**Responders:** " + ", ".join(names)


def timeline_line(stamp: str, text: str) -> str:
    return f"- _{stamp}_ - {text}"


EXPORTED_LINE = re.compile(r"- _(?P<h>\d\d):(?P<m>\d\d)(?::(?P<s>\d\d))?_ - (?=\S)")
"""timeline_line with a CLOCK (and SECONDS) stamp. A report of 10,000 events is this line 10,000
times, so the reader tries this one pattern before the general reader's twenty; a dated stamp is
left to the general reader."""


# -- the shell commands ------------------------------------------------------------------------

COMMANDS_HEADING = "Appendix: shell commands"
"""The appendix listing every command an attached shell recorded (after the nine sections; the
reader files it under its own heading, as any heading it does not know)."""


def command_outcome(status: int, duration_ms: int) -> str:
    """`→ exit 7 in 0.3 s`: the exit status as the shell saw it, and how long the command took."""
    seconds = duration_ms / 1000
    took = f"{seconds:.1f} s" if seconds < 60 else f"{int(seconds // 60)} min {int(seconds % 60)} s"
    return f"→ exit {status} in {took}"


def command_line(command: str, status: int, duration_ms: int) -> str:
    """A command event's text on the timeline and in the appendix: `$ curl … → exit 7 in 0.3 s`."""
    return f"$ {command}  {command_outcome(status, duration_ms)}"


# -- the phase diagram -------------------------------------------------------------------------

PHASES_TITLE = "Incident phases"
"""The diagram's title. The reader drops a gantt block with this title: it is drawn again from
the milestones on the next export."""


# -- the facts line ----------------------------------------------------------------------------

FACTS: dict[str, tuple[tuple[str, str], ...]] = {
    "summary": (("title", "Title"), ("severity", "Severity")),
    "detection": (("fields.detection_source", "Detection source"),),
    "impact": (
        ("impact.users_affected", "Users affected"),
        ("impact.share_of_users", "Share of users"),
        ("impact.failed_requests", "Failed requests"),
        ("impact.support_tickets", "Support tickets"),
    ),
}
"""Section key → (field path, label) of the session's fields that section states. Where the
section's prose leaves one out, a facts line under it states it, so no filled field is lost."""

_LABEL_OF = {path: label for pairs in FACTS.values() for path, label in pairs}
_PATH_OF = {label: path for path, label in _LABEL_OF.items()}
FACTS_SEPARATOR = " · "
_LABELS = "|".join(map(re.escape, _PATH_OF))
_FIRST_FACT = re.compile(rf"\*\*(?P<label>{_LABELS}):\*\* ")
_NEXT_FACT = re.compile(rf"{re.escape(FACTS_SEPARATOR)}\*\*(?P<label>{_LABELS}):\*\* ")


def facts_line(facts: list[tuple[str, str]]) -> str:
    """ "**Severity:** SEV2 · **Title:** Pizza orders failing", from (field path, value) pairs."""
    return FACTS_SEPARATOR.join(f"**{_LABEL_OF[path]}:** {value}" for path, value in facts)


def read_facts_line(line: str) -> dict[str, str] | None:
    """The (field path → value) a facts line states; None for any other line. A value that itself
    holds the separator stays whole: only a separator followed by a known label splits."""
    line = line.strip()
    first = _FIRST_FACT.match(line)
    if first is None:
        return None
    found: dict[str, str] = {}
    label, start = first["label"], first.end()
    while True:
        following = _NEXT_FACT.search(line, start)
        value = line[start : following.start() if following else len(line)].strip()
        if not value or _PATH_OF[label] in found:
            return None
        found[_PATH_OF[label]] = value
        if following is None:
            return found
        label, start = following["label"], following.end()
