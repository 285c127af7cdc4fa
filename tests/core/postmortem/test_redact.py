"""Redaction: every kind of secret masked wherever it sits, and the quick search finds what the rules do."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.postmortem.redact import MASK, RULES, redact

JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"
# (text holding a secret, the secret): one of each kind, in the spellings people paste.
SECRETS = [
    ("https://pizza-factory.cs329.click/api/support/0123456789abcdef0123/report/fix42code", "0123456789abcdef0123"),
    ("https://pizza-factory.cs329.click/API/Support/k3yk3yk3y/Report/fix42code", "fix42code"),
    ("GET /order?apiKey=abc123def&x=1", "abc123def"),
    ("GET /order?x=1&fix_code=zz9zz9", "zz9zz9"),
    ("GET /order?ACCESS-TOKEN=tok777tok", "tok777tok"),
    ("Authorization: Bearer s3cr3tBearerValue==", "s3cr3tBearerValue"),
    ("authorization: BEARER\n  s3cr3tBearerValue", "s3cr3tBearerValue"),
    (f"a token {JWT} in a log", JWT.split(".")[2]),
    ("x-api-key: k3y99", "k3y99"),
    ("X-Api-Key=k3y99", "k3y99"),
    ("fixCode : c0de11", "c0de11"),
    ("auth_token=t0k3n", "t0k3n"),
    ("password: hunter2", "hunter2"),
    ("SECRET=sauce42", "sauce42"),
    ('{"apiKey": "json-k3y", "other": 1}', "json-k3y"),
    ('{"TOKEN":"json-t0k"}', "json-t0k"),
    # IGNORECASE matches these to s and k as well: the quick search must not miss them.
    ("pa\u017f\u017fword: hunter3", "hunter3"),
    ("api\u212aey: k3y55", "k3y55"),
]
FILLER = "- _09:33_ - (#12) JWT token request checked: factory pizza order — “quoted”\n"


def reference(text: str) -> str:
    """What the rules define: each pattern substituted over the whole text, one after another."""
    for rule in RULES:
        text = rule.pattern.sub(rule.replacement, text)
    return text


def test_every_kind_of_secret_is_masked_anywhere_in_a_long_document():
    for text, secret in SECRETS:
        for document in (
            text,
            FILLER * 2_000 + text,
            text + "\n" + FILLER * 2_000,
            FILLER * 1_000 + text + FILLER * 1_000,
        ):
            masked = redact(document)
            assert masked == reference(document), text
            if secret:
                assert secret not in masked and MASK in masked, text


def test_text_without_secrets_is_returned_unchanged():
    document = FILLER * 1_000 + "key points: none\ncode review at 10:00\nsecret sauce\n"
    assert redact(document) == document == reference(document)


# Pieces of every rule, cased and spaced in many ways, so generated texts hold matches, near
# misses and matches across lines.
PIECES = [
    "/api/support/",
    "/report/",
    "abc",
    "x9",
    "?",
    "&",
    "=",
    ":",
    " ",
    "\n",
    "\t",
    "-",
    "_",
    ".",
    '"',
    "'",
    "[",
    ")",
    ",",
    "apiKey",
    "API_KEY",
    "x-api-key",
    "fixCode",
    "fix-code",
    "access_token",
    "Auth-Token",
    "token",
    "key",
    "code",
    "Secret",
    "PASSWORD",
    "Bearer",
    "bearer ",
    "eyJ",
    "EYJ",
    "abcde",
    "\u017f",
    "\u212a",
    "\u0131",
    "\u0130",
    "—",
    "é",
    "\ud83d",
    MASK,
]
texts = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


@settings(max_examples=3_000, deadline=None)
@given(texts)
def test_the_quick_search_masks_exactly_what_the_rules_do(text):
    assert redact(text) == reference(text)


def test_a_key_name_that_ends_a_line_never_masks_the_next_line():
    text = "- _10:24_ - we rotated the password:\n- _10:25_ - purchases work again"
    assert redact(text) == text
    assert redact("password:  hunter2\nnext") == f"password:  {MASK}\nnext"
