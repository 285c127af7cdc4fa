"""The sections of a Markdown postmortem: headings, their prose without its wrapping, action items."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tui.core.importing.dates import HEADING_ANCHOR
from tui.core.postmortem.format import PHASES_TITLE, PROMPT, SECTION_KEYS

PREAMBLE = "preamble"
"""Where text between the title and the first section goes."""

_EXACT = {
    "summary": "summary",
    "executive summary": "summary",
    "incident summary": "summary",
    "issue summary": "summary",
    "overview": "summary",
    "tl;dr": "summary",
    "tldr": "summary",
    "description": "summary",
    "detection": "detection",
    "detected": "detection",
    "how it was detected": "detection",
    "impact": "impact",
    "response": "response",
    "incident response": "response",
    "resolution": "resolution",
    "recovery": "resolution",
    "mitigation": "resolution",
    "resolution and recovery": "resolution",
    "fix": "resolution",
    "prevention": "prevention",
    "preventive measures": "prevention",
    "preventative measures": "prevention",
    "cause": "root_cause",
    "causes": "root_cause",
    "follow-up": "action_items",
    "follow up": "action_items",
    "follow-ups": "action_items",
    "next steps": "action_items",
    "corrective actions": "action_items",
    "actions taken": "response",
    "events": "timeline",
    "event log": "timeline",
    "incident log": "timeline",
    "log": "timeline",
    "chronology": "timeline",
    "sequence of events": "timeline",
    # The shipped templates' own names (tui/templates): PagerDuty's.
    "contributing factors": "root_cause",
    "responders": "response",
}
PROMPT_ONLY = frozenset(
    {
        "trigger",
        "lessons learned",
        "supporting information",
        "what happened",
        "howd we do",
        "messaging",
        "leadup",
        "fault",
        "five whys",
        "backlog check",
        "recurrence",
    }
)
"""Sections of the shipped templates (Google SRE, PagerDuty, Atlassian) that Scribe has no field
for: exported, they hold only a prompt, and read back with nothing else in them they are dropped,
so that export, import, export writes the same report. One the author wrote in is kept as any
other heading is."""
_CONTAINS = (
    ("action item", "action_items"),
    ("timeline", "timeline"),
    ("root cause", "root_cause"),
    ("impact", "impact"),
    ("detection", "detection"),
    ("resolution", "resolution"),
    ("follow", "action_items"),
    ("action", "action_items"),
)

_ATX = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_BOLD_LINE = re.compile(r"^\s*(?:\*\*|__)(.+?)(?:\*\*|__)\s*:?\s*$")
# A word processor's emphasis pasted as text: `*Summary*`, `_Impact_` on a line of their own.
_EMPHASIS_LINE = re.compile(r"^\s*([*_])(?![*_\s])([^*_]+?)(?<!\s)\1\s*:?\s*$")
FENCE = re.compile(r"^\s*(`{3,}|~{3,})\s*([\w+-]*)\s*$")
_QUOTE = re.compile(r"^\s*>\s?")
ADMONITION = re.compile(r"^\s*\[!(?:NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]\s*$", re.IGNORECASE)
_ITEM = re.compile(r"^(?P<indent>\s*)(?:(?:\d{1,3}[.)]|[-*•+▪–])\s+|o\t\s*)(?P<text>.*)$")
TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_OWNER_PAREN = re.compile(r"\(\s*(?:owner|owners|assignee|responsible|assigned to)\s*:\s*([^,;)]+)", re.I)
_OWNER_INLINE = re.compile(
    r"(?:^|[\s;(-])(?:owner|owners|assignee|responsible|assigned to)\s*:\s*"
    r"([^,;.()]+?)\s*(?:[,;.)]|$)",
    re.IGNORECASE,
)
_OWNER_BRACKET = re.compile(r"\[([A-Z][\w.'&/ -]{0,40})\]")
_OWNER_TRAILING = re.compile(r"\s*\(([A-Z][\w.'&/-]*(?:\s+[\w.'&/-]+){0,3})\)\s*$")
# Parentheses that hold a status, a priority or an aside rather than a person or a team.
_NOT_OWNER = re.compile(
    r"^(?:e\.g|i\.e|see|by|due|before|after|until|if|for|from|per|via|was|were|and|or|not)\b"
    r"|^(?:done|complete|completed|in progress|todo|to do|wip|pending|tbd|n/a|open|closed|high|medium"
    r"|low|critical|urgent|ongoing|optional|recommended|required|started|finished|blocked)\.?$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ActionItem:
    """A follow-up as the report words it; `owner` when the report names one."""

    text: str
    owner: str | None
    line: int


@dataclass
class Block:
    """One section: its key (a SECTION_KEYS name, or the heading's own text), heading and body lines."""

    key: str
    heading: str
    level: int
    line: int
    body: list[tuple[int, str]] = field(default_factory=list)


# --- structure ---------------------------------------------------------------------------------


def _heading_name(heading: str) -> str:
    """A heading's words, lower case, without markup, numbering and punctuation."""
    name = re.sub(r"[*_`#]", "", HEADING_ANCHOR.sub("", heading)).strip().lower()
    name = re.sub(r"^(?:\d+[.)]|[ivx]+\.)\s*", "", name)
    name = re.sub(r"[:.\s]+$", "", name).strip()
    return re.sub(r"[^\w\s/&;,-]", "", name).strip()


def is_prompt_only_section(heading: str) -> bool:
    """A shipped template's section Scribe has no field for (PROMPT_ONLY)."""
    return _heading_name(heading) in PROMPT_ONLY


def section_key(heading: str) -> str | None:
    """The template section a heading names ("Root Cause Analysis" → root_cause), or None."""
    name = _heading_name(heading)
    if name in _EXACT:
        return _EXACT[name]
    if name in SECTION_KEYS or name.replace(" ", "_") in SECTION_KEYS:
        return name.replace(" ", "_")
    if len(name.split()) <= 5:
        for needle, key in _CONTAINS:
            if re.search(rf"\b{needle}", name):
                return key
    if len(name.split()) <= 8 and re.search(r"\btimeline\b", name):  # "Attack Timeline for Our Shop"
        return "timeline"
    return None


def _fenced_lines(lines: list[str]) -> dict[int, str]:
    """Lines inside closed code fences (and the fences), each with its fence's info string:
    headings there are code."""
    inside: dict[int, str] = {}
    opened: int | None = None
    marker, info = "", ""
    for index, line in enumerate(lines):
        if "`" not in line and "~" not in line:
            continue  # no fence marker: the common case, answered without a pattern
        match = FENCE.match(_QUOTE.sub("", line) if line.lstrip().startswith(">") else line)
        if not match:
            continue
        if opened is None:
            opened, marker, info = index, match.group(1)[0], match.group(2).lower()
        elif match.group(1)[0] == marker and not match.group(2):
            inside.update(dict.fromkeys(range(opened, index + 1), info))
            opened = None
    return inside


def _escapes_fence(line: str, info: str) -> bool:
    """A template section heading inside a Markdown or bare fence: the author's fences went
    astray (an unclosed ``` swallowing the next heading), since nobody quotes "## Timeline"."""
    heading = heading_of(line)
    return (
        info in ("", "md", "markdown")
        and heading is not None
        and heading[0] <= 2
        and section_key(heading[1]) is not None
    )


def split_sections(lines: list[str]) -> tuple[tuple[int, str] | None, list[tuple[int, str]], list[Block]]:
    fenced = _fenced_lines(lines)
    # Without a single Markdown heading, a line that is just a section's name is its heading.
    plain = not any(_ATX.match(line) for line in lines)
    title: tuple[int, str] | None = None
    preamble: list[tuple[int, str]] = []
    blocks: list[Block] = []
    for index, line in enumerate(lines):
        lineno = index + 1
        if index in fenced and not _escapes_fence(line, fenced[index]):
            heading = None
        else:
            heading = heading_of(line) or (_plain_heading(line) if plain else None)
        if heading is not None:
            level, text = heading
            key = section_key(text)
            current = blocks[-1] if blocks else None
            is_sub = (
                current is not None
                and level > current.level
                and (
                    key is None
                    or key == current.key
                    or re.sub(r"\W", "", text.lower()) not in {re.sub(r"\W", "", k) for k in SECTION_KEYS}
                )
            )
            if title is None and not blocks and key is None and level == 1:
                title = (lineno, text)
                continue
            if not is_sub and (key is not None or current is None or level <= current.level):
                blocks.append(Block(key or text, text, level, lineno))
                continue
        if blocks:
            blocks[-1].body.append((lineno, line))
        else:
            preamble.append((lineno, line))
    return title, [row for row in preamble if row[1].strip()], blocks


def _plain_heading(line: str) -> tuple[int, str] | None:
    text = line.strip().rstrip(":").strip()
    if len(text) <= 40 and re.fullmatch(r"[A-Z][A-Za-z &/-]*", text) and section_key(text) is not None:
        return 2, text
    return None


def heading_of(line: str) -> tuple[int, str] | None:
    # Each form shows in the first characters ("#" within four, "**" or "__" first), which spares
    # the patterns on the lines that are neither.
    if "#" in line[:4]:
        match = _ATX.match(line)
        if match:
            return len(match.group(1)), match.group(2).strip()
    if not line.lstrip().startswith(("**", "__")):
        emphasis = _EMPHASIS_LINE.match(line) if line.lstrip()[:1] in ("*", "_") else None
        if emphasis and section_key(emphasis.group(2)) is not None and len(emphasis.group(2)) < 40:
            return 2, emphasis.group(2).strip()
        return None
    match = _BOLD_LINE.match(line)
    if match and section_key(match.group(1)) is not None and len(match.group(1)) < 40:
        return 2, match.group(1).strip()
    return None


def unquote(line: str) -> str:
    return _QUOTE.sub("", line) if line.lstrip().startswith(">") else line


def is_prompt(line: str) -> bool:
    """Scribe's own "[TODO: ...]" prompt in an exported report: it stands for an empty field."""
    return PROMPT.match(line) is not None


def is_markup(line: str) -> bool:
    """A fence, a [!NOTE] marker, a table separator or a prompt: a line with nothing to read.
    Each opens with one of a few characters, so most lines are answered without a pattern."""
    stripped = line.lstrip()
    first = stripped[:1]
    if first in ("`", "~"):
        return FENCE.match(line) is not None
    if first == "[":
        return ADMONITION.match(line) is not None or is_prompt(line)
    if first in ("|", ":") or stripped.startswith("--"):
        return TABLE_SEPARATOR.match(line) is not None
    return False


def without_phase_diagram(rows: list[str]) -> list[str]:
    """Drop the phase diagram an export draws from milestones (```mermaid, gantt, "Incident
    phases"): it is derived, and drawn again from the milestones on the next export."""
    kept: list[str] = []
    index = 0
    while index < len(rows):
        if rows[index].strip() == "```mermaid":
            end = next((j for j in range(index + 1, len(rows)) if rows[j].strip() == "```"), None)
            block = [row.strip() for row in rows[index + 1 : end or index]]
            if (
                end is not None
                and block[:1] == ["gantt"]
                and any(row.startswith(f"title {PHASES_TITLE}") for row in block)
            ):
                index = end + 1
                continue
        kept.append(rows[index])
        index += 1
    return kept


def clean_prose(body: list[tuple[int, str]]) -> str:
    """A section's text without the wrapping that is only markup: ```md fences, `>` quoting,
    [!NOTE] markers, and what an export adds that is not the author's (prompts, the phase
    diagram). Everything the author wrote stays."""
    rows = [unquote(line).rstrip() for _, line in body]
    rows = [row for row in rows if not ADMONITION.match(row) and not is_prompt(row)]
    rows = without_phase_diagram(rows)
    kept: list[str] = []
    fence_open: str | None = None
    opened_at = 0
    for row in rows:
        match = FENCE.match(row)
        if match and fence_open is None and match.group(2).lower() in ("md", "markdown"):
            fence_open = "md"
            continue
        if match and fence_open == "md" and not match.group(2):
            fence_open = None
            continue
        if match and fence_open is None:
            fence_open, opened_at = "code", len(kept)
        elif match and fence_open == "code" and not match.group(2):
            fence_open = None
        kept.append(row)
    if fence_open == "code":
        # A fence that never closes here is a stray marker (its pair is in another section).
        del kept[opened_at]
    while kept and not kept[0].strip():
        kept.pop(0)
    while kept and not kept[-1].strip():
        kept.pop()
    # One bare fence around the whole section wraps it; its lines are the prose.
    opening = FENCE.match(kept[0]) if len(kept) >= 2 else None
    if (
        opening is not None
        and not opening.group(2)
        and FENCE.match(kept[-1])
        and sum(1 for r in kept if FENCE.match(r)) == 2
    ):
        kept = kept[1:-1]
    text = "\n".join(kept)
    return re.sub(r"\n[ \t]*\n(?:[ \t]*\n)+", "\n\n", text).strip()


# --- action items ------------------------------------------------------------------------------


def read_action_items(body: list[tuple[int, str]]) -> tuple[list[ActionItem], list[str]]:
    """Numbered or bulleted items, with wrapped lines and sub-bullets folded in; other text is
    returned as prose."""
    items: list[tuple[int, int, list[str]]] = []
    prose: list[str] = []
    open_item: tuple[int, int, list[str]] | None = None
    for lineno, raw in body:
        line = unquote(raw).rstrip()
        if FENCE.match(line) or ADMONITION.match(line) or is_prompt(line):
            continue
        if not line.strip():
            if open_item is not None:
                open_item = (open_item[0], open_item[1], open_item[2] + [""])
                items[-1] = open_item
            else:
                prose.append("")
            continue
        match = _ITEM.match(line)
        indent = len(line) - len(line.lstrip())
        if match and (open_item is None or indent <= open_item[1]):
            open_item = (lineno, indent, [match.group("text").strip()])
            items.append(open_item)
            continue
        if open_item is not None and (indent > open_item[1] or open_item[2][-1] != ""):
            text = match.group("text").strip() if match else line.strip()
            parts = [p for p in open_item[2] if p != ""]
            joiner = "; " if match and not parts[-1].endswith(":") else " "
            parts[-1] = parts[-1] + joiner + text
            open_item = (open_item[0], open_item[1], parts)
            items[-1] = open_item
            continue
        open_item = None
        prose.append(line.strip())
    result = []
    for lineno, _, parts in items:
        text = " ".join(p for p in parts if p).strip()
        text, owner = split_owner(text)
        if text:
            result.append(ActionItem(text, owner, lineno))
    return result, prose


def split_owner(text: str) -> tuple[str, str | None]:
    """The owner of an action item: "(Jane Doe)" at the end (removed: the export writes it back),
    or "Owner: X", "Responsible: X", "[Jane]" inside the text (kept: the text around it may carry
    due dates, tickets and status)."""
    trailing = _OWNER_TRAILING.search(text)
    if trailing and not _NOT_OWNER.match(trailing.group(1)) and not re.search(r"\d|%", trailing.group(1)):
        return text[: trailing.start()].rstrip(), trailing.group(1).strip()
    for pattern in (_OWNER_PAREN, _OWNER_INLINE, _OWNER_BRACKET):
        match = pattern.search(text)
        name = match.group(1).strip() if match else ""
        if name and not (pattern is _OWNER_BRACKET and (_NOT_OWNER.match(name) or re.search(r"\d", name))):
            return text, name
    return text, None
