"""Secrets out of anything shown or exported: the one redaction for exports, replay and crash reports.

Hand-written rules over the formats people paste into incident notes (tests/data/secrets lists
them): report URL keys and fix codes, tokens with a known prefix, credentials in URLs, query
strings, headers, `name: value` pairs, PEM private keys and JWTs. A general detector (Yelp's
detect-secrets) was measured on the same corpus and found a quarter of it, at ten times the
export's time budget, so these rules stand alone."""

from __future__ import annotations

import base64
import json
import re
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

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
    replacement: str | Callable[[re.Match[str]], str]
    words: tuple[str, ...]
    reach: int = 0
    then: re.Pattern[str] | None = None
    cased: bool = False
    needs: str = ""


def _masked_jwt(match: re.Match[str]) -> str:
    """A JWT is three base64url parts whose first decodes to a JSON object: `eyJ` is `{"`, and a
    header written with spaces or line breaks (`{ "alg"`, `{\n`) starts `ey`/`ew` too."""
    header = re.split(r"\.|%2[Ee]", match.group(0), maxsplit=1)[0]
    if header.startswith("eyJ"):
        return MASK
    try:
        decoded = base64.urlsafe_b64decode(header + "=" * (-len(header) % 4))
        return MASK if isinstance(json.loads(decoded), dict) else match.group(0)
    except ValueError:  # not base64, not UTF-8 or not JSON: a dotted name, left as it is
        return match.group(0)


_QUERY_NAMES = {"auth", "sig", "signature", "key", "code", "token", "secret", "password", "pass", "jwt", "session"}
_QUERY_ENDINGS = ("key", "token", "secret", "password", "passwd", "signature", "credential", "credentials", "fixcode")


def _masked_query_value(match: re.Match[str]) -> str:
    """`?name=value` with the value masked when the name (percent-decoded: `api%5Fkey`) names a secret."""
    name = urllib.parse.unquote(match.group(2)).lower().replace("-", "_")
    squeezed = name.replace("_", "")
    if name in _QUERY_NAMES or squeezed.endswith(_QUERY_ENDINGS) or "secret" in name or "password" in name:
        return match.group(1) + MASK
    return match.group(0)


def _masked_named_value(match: re.Match[str]) -> str:
    quote = match.group(2) or ""
    return f"{match.group(1)}{quote}{MASK}{quote}"


def _masked_private_key(match: re.Match[str]) -> str:
    return f"{match.group(1)} {MASK} {match.group(2) or ''}".rstrip()


# A value is never the mask itself: a rule after the one that masked it must leave it alone.
_NOT_MASKED = r"(?!\[REDACTED\])"
# Names that hold secrets in `name: value`, `NAME=value`, `"name": "value"`: the keyword, then
# anything joined to it by _ or - (`SECRET_KEY_BASE`, `auth_token`). What comes before it is not
# part of the match (`DB_PASSWORD`, `PGPASSWORD`, `client_secret` match from the keyword).
_SECRET_NAME = (
    r"(?:password|passwd|passphrase|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|fix[_-]?code"
    r"|credentials?|auth)(?:[_-][\w-]*)?[\"']?"
)
# `name:` then the value on the same line, or on the next one when that is not a new Markdown
# line (a list item, a heading, a quote or table): "the password:\nhunter2" is one secret.
_SEPARATOR = r"[ \t]*[:=][ \t]*(?:\r?\n[ \t]*(?=[^\s\-*#>|]))?"
_NAME_WORDS = ("pass", "secret", "token", "api", "access", "private", "fix", "credential", "auth")

RULES: tuple[Rule, ...] = (
    # https://HOST/api/support/<API KEY>/report/<FIX CODE>: the factory's report URL
    Rule(
        re.compile(r"(/api/support/)[^/\s\"'<>)\]]+(/report/)[^/\s\"'<>?#)\]]+", re.IGNORECASE),
        rf"\g<1>{MASK}\g<2>{MASK}",
        ("/api/support/",),
        needs="/",
    ),
    # PEM private keys, whole or cut short by a paste: the body goes, the armour lines stay.
    Rule(
        re.compile(
            r"(-----BEGIN[A-Z0-9 ]* PRIVATE KEY(?: BLOCK)?-----)"
            r"(?:(?:(?!-----END)[\s\S])*?(-----END[A-Z0-9 ]* PRIVATE KEY(?: BLOCK)?-----)|(?:\s*[A-Za-z0-9+/=]{16,})*)"
        ),
        _masked_private_key,
        ("-----BEGIN",),
        cased=True,
    ),
    # Tokens whose issuers give them a fixed prefix: GitHub, Slack, Grafana, GitLab, Stripe,
    # OpenAI, Anthropic, npm, PyPI, Google, AWS (an access key id with the secret after it).
    Rule(
        re.compile(
            r"\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|xox[abeprs]-[A-Za-z0-9-]{10,}"
            r"|xapp-[A-Za-z0-9-]{10,}|glsa_[A-Za-z0-9_]{20,}|glc_[A-Za-z0-9+/=_-]{20,}|glpat-[A-Za-z0-9_-]{20,}"
            r"|(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{10,}|whsec_[A-Za-z0-9]{20,}"
            r"|sk-(?:proj-|ant-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}|npm_[A-Za-z0-9]{36}|pypi-[A-Za-z0-9_-]{50,}"
            r"|AIza[0-9A-Za-z_-]{35}|hf_[A-Za-z0-9]{30,}|dop_v1_[a-f0-9]{64}|shpat_[a-fA-F0-9]{32}"
            r"|(?:A3T[A-Z0-9]|AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA)[A-Z0-9]{16}"
            r"(?:[ \t:/,=|]{1,3}[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+]))?)"
        ),
        MASK,
        (
            *("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "xox", "xapp-", "glsa_", "glc_", "glpat-"),
            *("sk_", "rk_", "whsec_", "sk-", "npm_", "pypi-", "AIza", "hf_", "dop_v1_", "shpat_"),
            *("A3T", "AKIA", "ASIA", "AGPA", "AIDA", "AROA", "AIPA", "ANPA", "ANVA"),
        ),
        cased=True,
    ),
    # Slack and Discord webhook URLs: the path is the credential.
    Rule(
        re.compile(
            r"((?:hooks\.slack\.com/(?:services|workflows|triggers)|discord(?:app)?\.com/api/webhooks)/)"
            r"[^\s\"'<>)\]]+",
            re.IGNORECASE,
        ),
        rf"\g<1>{MASK}",
        ("hooks.slack.com/", "discord"),
    ),
    # scheme://user:password@host (postgres, mongodb+srv, redis://:password@, https)
    Rule(
        re.compile(r"(://[^\s:/@\"'<>]*:)" + _NOT_MASKED + r"[^\s/@\"'<>]+(@)"),
        rf"\g<1>{MASK}\g<2>",
        ("://",),
        needs="@",
    ),
    # curl -u user:password, --user=user:password
    Rule(
        re.compile(r"((?:^|\s)(?:-u|--user)[ \t=]*[^\s:\"']+:)" + _NOT_MASKED + r"[^\s\"']+"),
        rf"\g<1>{MASK}",
        ("-u", "--user"),
        reach=1,
        cased=True,
    ),
    # Authorization: Basic|Bearer|token <credentials>, Proxy-Authorization too
    Rule(
        re.compile(
            r"\b((?:proxy-)?authorization[\"']?[ \t]*[:=][ \t]*[\"']?"
            r"(?:(?:basic|bearer|token|digest|negotiate|ntlm|aws4-hmac-sha256|apikey|key)\s+)?+)"  # the scheme stays
            + _NOT_MASKED
            + r"[^\s\"',;]+",
            re.IGNORECASE,
        ),
        rf"\g<1>{MASK}",
        ("authorization",),
        reach=len("proxy-"),
    ),
    # Cookie, Set-Cookie, X-Auth-Token and the like: the whole header value.
    Rule(
        re.compile(
            r"\b((?:set-)?cookie|x-auth-token|x-amz-security-token|x-csrf-token|x-session-token)"
            r"([\"']?[ \t]*:[ \t]*[\"']?)" + _NOT_MASKED + r"[^\r\n\"']+",
            re.IGNORECASE,
        ),
        rf"\g<1>\g<2>{MASK}",
        ("cookie", "x-auth-token", "x-amz-security-token", "x-csrf-token", "x-session-token"),
        reach=len("set-"),
        needs=":",
    ),
    # ?apiKey=...&X-Amz-Signature=...: query values whose names hold secrets
    Rule(
        re.compile(r"([?&;]([\w%.-]+)=)" + _NOT_MASKED + r"[^&\s\"'<>#)\]]+"),
        _masked_query_value,
        ("?", "&", ";"),
        then=re.compile(r"[\w%.-]+="),
        needs="=",
    ),
    # A JWT anywhere, its dots written or percent-encoded.
    Rule(
        re.compile(r"\be[wxyz][A-Za-z0-9_-]{6,}(?:\.|%2[Ee])[A-Za-z0-9_-]{5,}(?:\.|%2[Ee])[A-Za-z0-9_-]*"),
        _masked_jwt,
        ("ew", "ex", "ey", "ez"),
        then=re.compile(r"[A-Za-z0-9_-]{6,}(?:\.|%2[Ee])"),
        cased=True,
    ),
    # password: "x y", {'api_key': 'x'}, "access_token": "x" (an escaped quote stays inside), and
    # unquoted: password: hunter2, DB_PASSWORD=x, X-Api-Key=x, fixCode : x (up to a delimiter)
    Rule(
        re.compile(
            rf"({_SECRET_NAME}{_SEPARATOR})(?:([\"'])(?:\\.|(?!\2)[^\\\r\n])*\2"
            rf"|(?![\"'\[{{(]|(?:basic|bearer|token|digest)\s)[^\s\"',;&<>)\]]+)",
            re.IGNORECASE,
        ),
        _masked_named_value,
        _NAME_WORDS,
        needs=":=",
    ),
    # Bearer <token> anywhere else
    Rule(
        re.compile(r"\b(Bearer\s+)" + _NOT_MASKED + r"[A-Za-z0-9\-._~+/]+=*", re.IGNORECASE),
        rf"\g<1>{MASK}",
        ("bearer",),
        then=re.compile(r"\s"),
    ),
)

_GATES = {rule.words: re.compile("|".join(map(re.escape, rule.words))) for rule in RULES if len(rule.words) > 3}

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


def redact_all(value: Any, *, keep: frozenset[str] = frozenset()) -> Any:
    """Every string in a JSON-like value redacted (lists and dicts walked); the values of the keys
    in `keep` (ids, operation names) left as they are."""
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, list):
        return [redact_all(item, keep=keep) for item in value]
    if isinstance(value, dict):
        return {key: item if key in keep else redact_all(item, keep=keep) for key, item in value.items()}
    return value


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
    gate = _GATES.get(rule.words) if len(haystack) < 4096 else None
    if gate is not None and gate.search(haystack) is None:
        return []  # one pass for a rule of many words, where a find per word would cost more
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
            replacement = rule.replacement
            masked = replacement(match) if callable(replacement) else match.expand(replacement)
            pieces += (text[done:start], masked)
            done = match.end()
    if not pieces:
        return text
    pieces.append(text[done:])
    return "".join(pieces)
