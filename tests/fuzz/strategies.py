"""Inputs for the fuzz targets: random text built from the pieces each parser looks for, so the
search spends its time near the grammar rather than on noise."""

from __future__ import annotations

import json

from hypothesis import strategies as st

TIMES = ["2025-04-08T10:25:00.000Z", "9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z", "2025-04-08", "x", ""]
JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True)
    | st.sampled_from(TIMES)
    | st.text(max_size=8),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=6), children, max_size=3),
    max_leaves=12,
)
OPS = ["create", "event.add", "event.edit", "event.delete", "event.restore", "check.set", "field.set", "action.add"]
FIELDS = ["zone", "title", "severity", "impact.users_affected", "fields.root_cause", "nope"]


@st.composite
def operation(draw) -> dict:
    op: dict = {"v": draw(st.sampled_from([1, 1, 1, 0, 2, None, "1", 1.5, True])), "op": draw(st.sampled_from(OPS))}
    op["id"] = draw(st.sampled_from(["a", "b", "e1", "c1"]) | JSON_VALUES)
    op["at"] = draw(st.sampled_from(TIMES) | JSON_VALUES)
    event = {"id": draw(st.sampled_from(["e1", "e2"])), "time": draw(st.sampled_from(TIMES) | JSON_VALUES)}
    event.update(draw(st.dictionaries(st.sampled_from(["kind", "text", "author"]), JSON_VALUES, max_size=3)))
    op["event"] = draw(st.just(event) | JSON_VALUES)
    extra = {
        "event_id": st.sampled_from(["e1", "e2"]) | JSON_VALUES,
        "item_id": st.sampled_from(["c1", "x"]) | JSON_VALUES,
        "field": st.sampled_from(FIELDS) | JSON_VALUES,
        "value": st.sampled_from(["Mars/Base", "UTC-6", "Asia/Tokyo", "SEV2"]) | JSON_VALUES,
        "text": JSON_VALUES,
        "time": st.sampled_from(TIMES) | JSON_VALUES,
        "checked": JSON_VALUES,
        "session": JSON_VALUES,
        "item": JSON_VALUES,
    }
    for name in draw(st.lists(st.sampled_from(sorted(extra)), max_size=4, unique=True)):
        op[name] = draw(extra[name])
    return op


def _line(op: dict) -> bytes:
    return json.dumps(op).encode() + b"\n"


NESTING = st.integers(1, 1200).map(lambda n: b'{"v":1,"op":"x","a":' + b"[" * n + b"]" * n + b"}\n")
JOURNAL = st.lists(
    operation().map(_line) | st.binary(max_size=40) | NESTING | st.sampled_from([b"\n", b"{}\n", b"null\n", b"[1]\n"]),
    min_size=1,
    max_size=8,
).map(b"".join)

REPORT_PIECES = [
    "# Incident 2025-04-08\n",
    "## Timeline\n",
    "All times are MST\n",
    "All times are UTC+UTC+UTC\n",
    "- _10:24_ - factory down\n",
    "- 10:24:31 AM - x\n",
    "**11:54:51.017 AM** — y\n",
    "| 10:24 | z |\n",
    "```\n",
    "> 10:25 quoted\n",
    "### April 8\n",
    "## Action items\n",
    "- [ ] fix @owner\n",
    "5:23PM ",
    "GMT ",
    "UTC-7 ",
    "Mountain Time ",
    "America/Denver ",
    "2025-04-08 ",
    "\n",
    " ",
    "-",
    ":",
    "*",
    "•",
]
POSTMORTEM = st.lists(st.sampled_from(REPORT_PIECES) | st.text(max_size=6), max_size=40).map("".join)

RESPONSE_PIECES = [
    '{"message":"chaos monkey","reportUrl":"',
    "http://",
    "https://",
    "factory.example",
    "/api/support/",
    "/report/",
    "k1",
    "/api/report?",
    "apiKey=1&fixCode=2",
    '"}',
    "{",
    "}",
    '"',
    '\\"',
    "\\\\",
    "HTTP/1.1 500 ",
    "Status Code\n",
    "500",
    "\n",
    " ",
    "[",
    "]",
    '"statusCode":500,',
    '"resBody":"{\\"msg\\":\\"x\\"}"',
]
RESPONSE = st.lists(st.sampled_from(RESPONSE_PIECES) | st.text(max_size=6), max_size=40).map("".join)

TOML_PIECES = [
    'author = "k"\n',
    "theme = 1\n",
    "[keys]\n",
    'note = "n"\n',
    "x = ",
    "[",
    "]",
    "{a = ",
    "}",
    "1",
    '"s"',
    ",",
    "\n",
    'items = ["a", "b"]\n',
    'name = "t"\n',
    'primary = "#ff0000"\n',
    "[[a]]\n",
    "dark = true\n",
]
TOML = st.lists(st.sampled_from(TOML_PIECES) | st.text(max_size=4), max_size=40).map("".join)
DEEP_TOML = st.integers(1, 3000).map(lambda n: "x = " + "[" * n + "]" * n + "\n")


@st.composite
def webhook_body(draw) -> str:
    """Near the three senders' shapes: their keys, statuses and times, with any value in any place."""
    alert_keys = [
        "status",
        "labels",
        "annotations",
        "startsAt",
        "endsAt",
        "fingerprint",
        "generatorURL",
        "dashboardURL",
    ]
    values = st.sampled_from(["firing", "resolved", "pending", "https://x.example/a", "javascript:x"]) | JSON_VALUES
    alert = draw(st.dictionaries(st.sampled_from(alert_keys), values | st.sampled_from(TIMES), max_size=8))
    top_keys = [
        "receiver",
        "orgId",
        "version",
        "alerts",
        "event",
        "alert_group",
        "alert_group_id",
        "user",
        "notified_users",
    ]
    body = draw(st.dictionaries(st.sampled_from(top_keys), JSON_VALUES, max_size=6))
    body["alerts"] = draw(st.lists(st.just(alert) | JSON_VALUES, max_size=3))
    body["version"] = draw(st.sampled_from(["1", "4", 4, None]))
    body["event"] = draw(
        st.fixed_dictionaries({"type": st.sampled_from(["resolve", "acknowledge", "escalation", "x"]) | JSON_VALUES})
        | JSON_VALUES
    )
    return json.dumps(body)


WEBHOOK = webhook_body() | st.text(max_size=40)

INPUTS = {
    "journal_line": JOURNAL,
    "postmortem": POSTMORTEM,
    "factory_response": RESPONSE,
    "toml": TOML | DEEP_TOML,
    "webhook": WEBHOOK,
}
