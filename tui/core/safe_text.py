"""Text from outside (pasted logs, files, servers, peers) made safe to print, show or export.

Every byte Scribe writes to a terminal, a screen or a document from such text goes through
`printable` (or `one_line`, `on_one_row`). What it does:

- whole terminal escape sequences (colours, cursor moves, window titles, clipboard writes) are
  removed: a log line coloured by its tool reads best with its colours simply gone;
- any other C0 control is shown as its Control Picture (ESC as ␛, BEL as ␇), DEL as ␡;
- C1 controls, bidirectional overrides and isolates, zero-width and other invisible characters,
  tag characters, stray variation selectors and lone surrogates are shown as a visible mark:
  `<RLO>`, `<ZWSP>` and the like for the well-known ones, `<U+XXXX>` for the rest. Such characters
  reorder or hide what a reader sees ("Trojan Source"); they are named, never applied.

Emoji keep their joiners and presentation selectors (👩‍🚒, ❤️): a zero-width joiner between two
emoji and one U+FE0E/U+FE0F right after a character are what draw them, and hide nothing.
"""

from __future__ import annotations

import re

# Whole terminal escape sequences: colour codes and cursor moves (CSI), titles and clipboard writes
# (OSC), device strings (DCS, SOS, PM, APC) and the two-byte forms.
_ESCAPE_SEQUENCE = re.compile(
    r"""
    (?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]                               # CSI ... final byte
    | (?:\x1b\]|\x9d)[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?           # OSC ... BEL or ST
    | (?:\x1b[PX^_]|[\x90\x98\x9e\x9f])[^\x1b\x9c]*(?:\x1b\\|\x9c)?  # DCS/SOS/PM/APC ... ST
    | \x1b[ -/]*[0-~]                                               # ESC + intermediates + final
    """,
    re.VERBOSE,
)
_NAMED = {
    "\u00ad": "SHY",
    "\u061c": "ALM",
    "\u200b": "ZWSP",
    "\u200c": "ZWNJ",
    "\u200d": "ZWJ",
    "\u200e": "LRM",
    "\u200f": "RLM",
    "\u202a": "LRE",
    "\u202b": "RLE",
    "\u202c": "PDF",
    "\u202d": "LRO",
    "\u202e": "RLO",
    "\u2060": "WJ",
    "\u2066": "LRI",
    "\u2067": "RLI",
    "\u2068": "FSI",
    "\u2069": "PDI",
    "\ufeff": "BOM",
}
# Always marked: controls (tab and newline are handled apart), the named characters but the
# joiner, other invisible format characters and fillers (Hangul fillers draw nothing), tag
# characters, the variation selectors no emoji uses, and lone surrogates (they cannot even be
# encoded for a terminal).
INVISIBLE = (
    "\x00-\x08\x0b-\x1f\x7f-\x9f"
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200c\u200e\u200f"
    "\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0d\ufeff\uffa0\ufff9-\ufffb"
    "\ud800-\udfff\U0001d173-\U0001d17a\U000e0000-\U000e007f\U000e0100-\U000e01ef"
)
# What an emoji sequence's joiner may stand between.
_EMOJI = "\u2190-\u21ff\u2300-\u23ff\u2600-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff"
_CONTROL = re.compile(
    f"[{INVISIBLE}]"
    # a zero-width joiner not between an emoji (or its selector or skin tone) and another emoji
    f"|(?<![{_EMOJI}])(?<![{_EMOJI}]\ufe0f)\u200d|\u200d(?![{_EMOJI}])"
    # a presentation selector at the start, after a space or after another selector (smuggled
    # data, not a glyph)
    r"|(?:^|(?<=[\s\ufe00-\ufe0f\U000e0100-\U000e01ef]))[\ufe0e\ufe0f]"
)
_LINE_BREAK = re.compile("\r\n|[\r\u2028\u2029]")
# Every character _CONTROL or _LINE_BREAK can match, as one class: a single quick pass over a
# whole document when none is there, where the lookarounds above cost a try at every position.
_SUSPECT = re.compile(f"[{INVISIBLE}\u200d\ufe0e\ufe0f\r\u2028\u2029]")


def _visible(match: re.Match[str]) -> str:
    char = match.group(0)
    if char in _NAMED:
        return f"<{_NAMED[char]}>"
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # the Control Pictures block: ␀ ␇ ␛ ...
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"<U+{code:04X}>"  # C1 controls have no pictures


def strip_escapes(text: str) -> str:
    """The text without complete terminal escape sequences; stray control bytes are left for `printable`."""
    return _ESCAPE_SEQUENCE.sub("", text)


def is_printable(text: str) -> bool:
    """True when `printable` returns the text as it is: no control or invisible character in it."""
    if text.isascii() and text.isprintable():
        return True
    if _SUSPECT.search(text) is None:
        return True
    return _CONTROL.search(text) is None and _LINE_BREAK.search(text) is None


def printable(text: str, *, newlines: bool = True) -> str:
    """Safe to write to a terminal or a document: escape sequences removed, any other control or
    invisible character shown as a visible mark. Tabs stay; newlines stay unless `newlines` is
    False, when each line break becomes a space (a timeline entry is one line)."""
    if text.isascii() and text.isprintable():
        # Nothing but " " to "~": the usual case, and a 10,000-line export's hot path, told in
        # one quick C pass where the search below costs a regex call per text.
        return text if newlines else text.strip()
    if (newlines or "\n" not in text) and is_printable(text):
        return text if newlines else text.strip()
    text = _LINE_BREAK.sub("\n", strip_escapes(text))
    if not newlines:
        text = re.sub(r"\s*\n\s*", " ", text.strip())
    return _CONTROL.sub(_visible, text)


def shown_whole(text: str) -> str:
    """Every character kept, the unsafe ones as marks, escape sequences included (`␛[2J`): for a
    URL or a name, where removing part of it would show a different one."""
    if is_printable(text):
        return text
    return _CONTROL.sub(_visible, _LINE_BREAK.sub("\n", text))


def one_line(text: str) -> str:
    """`printable` on a single line."""
    return printable(text, newlines=False)


def on_one_row(text: str) -> str:
    """`printable` for one row of a screen: each line break shown as ⏎ and tabs as spaces, so a
    multi-line paste stays one row and says it was several."""
    text = printable(text)
    if "\n" in text or "\t" in text:
        text = text.replace("\n", " ⏎ ").replace("\t", " ")
    return text


def safe(value: object) -> str:
    """Anything printed from outside (an exception's message, a path) as one printable line."""
    return one_line(str(value))
