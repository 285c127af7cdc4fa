"""Text from outside (pasted logs, terminals) made safe to print or export: no raw control bytes."""

from __future__ import annotations

import re

# Whole terminal escape sequences: colour codes and cursor moves (CSI), titles and clipboard writes
# (OSC), device strings (DCS, SOS, PM, APC) and the two-byte forms. A pasted log line coloured by its
# tool reads best with its colours simply gone, so these are removed rather than shown.
_ESCAPE_SEQUENCE = re.compile(
    r"""
    (?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]                               # CSI ... final byte
    | (?:\x1b\]|\x9d)[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?           # OSC ... BEL or ST
    | (?:\x1b[PX^_]|[\x90\x98\x9e\x9f])[^\x1b\x9c]*(?:\x1b\\|\x9c)?  # DCS/SOS/PM/APC ... ST
    | \x1b[ -/]*[0-~]                                               # ESC + intermediates + final
    """,
    re.VERBOSE,
)
# Bidirectional overrides and isolates reorder what a reader sees ("Trojan Source"); zero-width
# characters hide text. Shown by name, never applied.
_INVISIBLE = {
    "\u200b": "ZWSP",
    "\u200e": "LRM",
    "\u200f": "RLM",
    "\u202a": "LRE",
    "\u202b": "RLE",
    "\u202c": "PDF",
    "\u202d": "LRO",
    "\u202e": "RLO",
    "\u2066": "LRI",
    "\u2067": "RLI",
    "\u2068": "FSI",
    "\u2069": "PDI",
    "\ufeff": "BOM",
}
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f" + "".join(_INVISIBLE) + "]")


def _visible(match: re.Match[str]) -> str:
    char = match.group(0)
    if char in _INVISIBLE:
        return f"<{_INVISIBLE[char]}>"
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
    return (text.isascii() and text.isprintable()) or _CONTROL.search(text) is None


def printable(text: str, *, newlines: bool = True) -> str:
    """Safe to write to a terminal or a document: escape sequences removed, any other control
    character shown as a visible symbol. Tabs stay; newlines stay unless `newlines` is False,
    when each line break becomes a space (a timeline entry is one line)."""
    if text.isascii() and text.isprintable():
        # Nothing but " " to "~": the usual case, and a 10,000-line export's hot path, told in
        # one quick C pass where the search below costs a regex call per text.
        return text if newlines else text.strip()
    if _CONTROL.search(text) is None and (newlines or "\n" not in text):
        return text if newlines else text.strip()
    text = strip_escapes(text).replace("\r\n", "\n").replace("\r", "\n")
    if not newlines:
        text = re.sub(r"\s*\n\s*", " ", text.strip())
    return _CONTROL.sub(_visible, text)


def one_line(text: str) -> str:
    """`printable` on a single line."""
    return printable(text, newlines=False)
