"""Secrets out of anything exported: report URL keys and fix codes, JWTs, bearer tokens."""

from __future__ import annotations

import re
from dataclasses import dataclass

MASK = "[REDACTED]"


@dataclass(frozen=True)
class Rule:
    """A pattern, its replacement, and what every match of it holds: one of `words` starting at
    most `reach` characters after the match does, followed by text `then` matches; and, when
    `needs` is given, one of its characters.

    The words are looked for with str.find in the text folded to lower case (as written when
    `cased`): a 10,000-line export scans for them many times faster than a pattern tries each of
    its positions, and the pattern then runs only where a word is, with the same result.
    """

    pattern: re.Pattern[str]
    replacement: str
    words: tuple[str, ...]
    reach: int = 0
    then: re.Pattern[str] | None = None
    cased: bool = False
    needs: str = ""


_KEYWORDS = ("key", "code", "token", "secret", "password")

RULES: tuple[Rule, ...] = (
    # https://HOST/api/support/<API KEY>/report/<FIX CODE>
    Rule(
        re.compile(r"(/api/support/)[^/\s\"'<>)\]]+(/report/)[^/\s\"'<>?#)\]]+", re.IGNORECASE),
        rf"\g<1>{MASK}\g<2>{MASK}",
        ("/api/support/",),
        needs="/",
    ),
    # ?apiKey=...&fixCode=... (and the usual spellings of keys and tokens in query strings)
    Rule(
        re.compile(
            r"([?&](?:api[_-]?key|fix[_-]?code|access[_-]?token|token|key|code)=)[^&\s\"'<>#)\]]+", re.IGNORECASE
        ),
        rf"\g<1>{MASK}",
        ("key=", "code=", "token="),
        reach=len("?access_"),
        needs="=",
    ),
    # Authorization: Bearer <token>
    Rule(
        re.compile(r"\b(Bearer\s+)[A-Za-z0-9\-._~+/]+=*", re.IGNORECASE),
        rf"\g<1>{MASK}",
        ("bearer",),
        then=re.compile(r"\s"),
    ),
    # A JWT anywhere: three base64url parts, the first of which decodes to '{"'.
    Rule(re.compile(r"\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*"), MASK, ("eyJ",), cased=True),
    # apiKey: ... / x-api-key=... in pasted headers and log lines (quoted JSON has its own rule
    # below). The value is on the same line: a key that ends one line never masks the next.
    Rule(
        re.compile(
            r"(?<![\w\"'-])((?:x-)?api[_-]?key|fix[_-]?code|(?:access|auth)[_-]?token|secret|password)"
            r"([ \t]*[:=][ \t]*)(?![\"\[])[^\s\"',;&<>)\]]+",
            re.IGNORECASE,
        ),
        rf"\g<1>\g<2>{MASK}",
        _KEYWORDS,
        reach=len("access_"),
        then=re.compile(r"[ \t]*[:=]"),
        needs=":=",
    ),
    # "apiKey": "..." in pasted JSON
    Rule(
        re.compile(r"(\"(?:api[_-]?key|fix[_-]?code|token|password|secret)\"\s*:\s*\")[^\"]*(\")", re.IGNORECASE),
        rf"\g<1>{MASK}\g<2>",
        tuple(word + '"' for word in _KEYWORDS),
        reach=len('"api_'),
        then=re.compile(r'\s*:\s*"'),
        needs='"',
    ),
)

# The only characters besides ASCII ones that IGNORECASE matches to ASCII letters.
_FOLDS = {"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"}


def redact(text: str) -> str:
    """The text with every secret it holds masked; the rest untouched. The rules apply one after
    another, each to the whole text the one before left."""
    folded = _fold(text)
    for rule in RULES:
        masked = _apply(rule, text, folded)
        if masked is not text:
            text, folded = masked, _fold(masked)
    return text


def _fold(text: str) -> str:
    """Lower case, one character for one, so a position in it is the same position in `text`.

    str.lower() is quick on ASCII text but several times slower once one "—" is in it, and can
    change a length ("İ"); bytes.lower() changes ASCII letters only, whatever else the text holds.
    """
    if text.isascii():
        return text.lower()
    for char, letter in _FOLDS.items():
        text = text.replace(char, letter)
    return text.encode("utf-8", "surrogatepass").lower().decode("utf-8", "surrogatepass")


def _starts(rule: Rule, text: str, folded: str) -> list[int]:
    """Every position a match of the rule could start at, in order; more is harmless, fewer is not."""
    if rule.needs and not any(char in text for char in rule.needs):
        return []
    haystack = text if rule.cased else folded
    starts: set[int] = set()
    for word in rule.words:
        at = haystack.find(word)
        while at != -1:
            if rule.then is None or rule.then.match(text, at + len(word)):
                starts.update(range(max(0, at - rule.reach), at + 1))
            at = haystack.find(word, at + 1)
    return sorted(starts)


def _apply(rule: Rule, text: str, folded: str) -> str:
    """`rule.pattern.sub(rule.replacement, text)`, trying only the positions `_starts` gives: a
    match found from a position sees the text before it too, so each is the one sub would find."""
    pieces: list[str] = []
    done = 0
    for start in _starts(rule, text, folded):
        if start < done:
            continue  # inside the previous match, where sub does not look again
        match = rule.pattern.match(text, start)
        if match is not None:
            pieces += (text[done:start], match.expand(rule.replacement))
            done = match.end()
    if not pieces:
        return text
    pieces.append(text[done:])
    return "".join(pieces)
