"""Reading pasted responses: bodies, dev-tools copies and log lines, as the seeds and corpus show them."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from testdata import CORPUS

from tui.core.factory.response import REPORT_FIELDS, inspect_text

SUPPORT_URL = "https://pizza-factory.cs329.click/api/support/60f1aece26c148b9b72c5f0934f0e0d7/report/u0cdt5qk"
LEGACY_URL = (
    "https://cs329.cs.byu.edu/api/report?apiKey=34bcaa632d2e4b228f60bebb7b7fe65e"
    "&fixCode=4795f7a9b18e472e9d3b87ff21c49e97"
)
SERVICE_BODY = json.dumps({"message": "Failed to fulfill order at factory", "followLinkToEndChaos": SUPPORT_URL})
FACTORY_BODY = json.dumps({"message": "chaos monkey", "reportUrl": SUPPORT_URL})


def test_raw_service_body():
    findings = inspect_text(SERVICE_BODY)
    assert findings.report_url == SUPPORT_URL
    assert findings.report_links[0].field == "followLinkToEndChaos"
    assert findings.message == "Failed to fulfill order at factory"
    assert findings.status is None  # a bare body does not say its status; none is invented
    assert findings.body == json.loads(SERVICE_BODY)


@pytest.mark.parametrize("field", REPORT_FIELDS)
def test_every_known_field_name(field):
    findings = inspect_text(json.dumps({"message": "chaos monkey", field: "https://f.example/x/y"}))
    assert [(link.url, link.field) for link in findings.report_links] == [("https://f.example/x/y", field)]


def test_headers_and_body_from_curl_or_dev_tools():
    text = (
        "HTTP/1.1 500 Internal Server Error\r\nX-Powered-By: Express\r\n"
        "Content-Type: application/json; charset=utf-8\r\n\r\n" + FACTORY_BODY
    )
    findings = inspect_text(text)
    assert (findings.status, findings.reason) == (500, "Internal Server Error")
    assert findings.message == "chaos monkey"
    assert findings.summary() == "500 chaos monkey"
    assert findings.report_url == SUPPORT_URL


def test_chrome_general_section_puts_status_on_its_own_line():
    text = (
        "Request URL\nhttps://pizza-service.example/api/order\nRequest Method\nPOST\n"
        "Status Code\n500 Internal Server Error\nRemote Address\n3.1.2.3:443\n\n" + SERVICE_BODY
    )
    findings = inspect_text(text)
    assert (findings.status, findings.reason) == (500, "Internal Server Error")
    assert findings.report_url == SUPPORT_URL


def test_status_code_with_colon_and_http2_line():
    assert inspect_text("Status Code: 502 Bad Gateway\n<html>bad gateway</html>").status == 502
    findings = inspect_text("HTTP/2 500\ncontent-type: application/json\n\n" + SERVICE_BODY)
    assert (findings.status, findings.reason) == (500, None)


def test_loki_log_line_with_escaped_response_body():
    record = {
        "authorized": True,
        "path": "/api/order",
        "method": "POST",
        "statusCode": 500,
        "reqBody": json.dumps({"franchiseId": 1, "items": []}),
        "resBody": SERVICE_BODY,
    }
    line = "2025-12-03 10:28:01.123\t" + json.dumps(record)
    findings = inspect_text(line)
    assert findings.status == 500  # from the record that carries the body
    assert findings.message == "Failed to fulfill order at factory"
    assert findings.body == json.loads(SERVICE_BODY)
    assert findings.report_url == SUPPORT_URL


def test_grafana_json_export_and_double_stringified_body():
    record = {"statusCode": 500, "resBody": json.dumps(SERVICE_BODY)}  # JSON.stringify of a string
    export = json.dumps([{"line": json.dumps(record), "timestamp": "1733221681123000000"}])
    findings = inspect_text(export)
    assert findings.report_url == SUPPORT_URL
    assert findings.status == 500


def test_escaped_json_outside_any_json_as_pasted_into_a_postmortem():
    line = (
        '- 2025-04-08 11:14:11 - First JWT Pizza Order failed {\\"message\\":\\"Failed to fulfill order at '
        'factory\\",\\"reportPizzaCreationErrorToPizzaFactoryUrl\\":\\"' + LEGACY_URL + '\\"}"'
    )
    findings = inspect_text(line)
    assert findings.report_url == LEGACY_URL
    assert findings.report_links[0].field == "reportPizzaCreationErrorToPizzaFactoryUrl"
    assert findings.message == "Failed to fulfill order at factory"


def test_service_and_factory_bodies_with_the_same_url_give_it_once():
    findings = inspect_text(FACTORY_BODY + "\n" + SERVICE_BODY)
    assert [link.url for link in findings.report_links] == [SUPPORT_URL]
    assert findings.message == "chaos monkey"  # the first body that carries the URL speaks


def test_several_distinct_urls_are_all_returned_in_order():
    later = SUPPORT_URL.replace("u0cdt5qk", "nlyh3net")
    findings = inspect_text(SERVICE_BODY + "\n" + SERVICE_BODY.replace("u0cdt5qk", "nlyh3net"))
    assert [link.url for link in findings.report_links] == [SUPPORT_URL, later]


def test_urls_by_shape_in_prose_and_truncated_logs():
    prose = f"Visiting the URL ({SUPPORT_URL}) ended it. The old one was {LEGACY_URL}."
    findings = inspect_text(prose)
    assert [(link.url, link.field) for link in findings.report_links] == [(SUPPORT_URL, None), (LEGACY_URL, None)]
    cut = (
        '{"statusCode":500,"resBody":"{\\"message\\":\\"chaos monkey\\",\\"reportUrl\\":\\"' + SUPPORT_URL + '\\",\\"jw'
    )
    assert inspect_text(cut).report_url == SUPPORT_URL


def test_report_path_without_a_key_and_code_is_not_a_report_url():
    assert inspect_text("GET https://example.com/api/report?page=2 and /api/support/").report_links == ()


def test_full_url_is_kept_even_with_placeholders_or_other_schemes():
    placeholder = "https://cs329.cs.byu.edu/api/report?apiKey=[API_KEY]&fixCode=[FIX_CODE]"
    assert inspect_text(json.dumps({"reportUrl": placeholder})).report_url == placeholder
    # Recognised by its field even though it will never be followed: the user should see it.
    assert inspect_text('{"reportUrl": "file:///etc/passwd"}').report_url == "file:///etc/passwd"


def test_body_without_url_says_nothing_was_found():
    findings = inspect_text('HTTP/1.1 401 Unauthorized\n\n{"message":"unauthorized"}')
    assert findings.report_links == () and findings.report_url is None
    assert findings.summary() == "401 unauthorized"
    assert inspect_text("").summary() == "no status or message found"
    assert inspect_text("").body is None and inspect_text("").pretty_body() is None


def test_old_factory_msg_field_and_json_status_string():
    findings = inspect_text('{"status": "500", "msg": "Chaos resolved"}')
    assert (findings.status, findings.message) == (500, "Chaos resolved")
    assert inspect_text('{"status": "error", "statusCode": 700}').status is None


def test_pretty_body_is_indented_json():
    assert inspect_text(SERVICE_BODY).pretty_body() == json.dumps(json.loads(SERVICE_BODY), indent=2)


@settings(max_examples=40, deadline=None)
@given(
    message=st.text(max_size=40),
    code=st.from_regex(r"[a-z0-9]{4,12}", fullmatch=True),
    field=st.sampled_from(REPORT_FIELDS),
    escapes=st.integers(min_value=0, max_value=2),
)
def test_url_survives_any_message_and_escaping(message, code, field, escapes):
    url = f"https://factory.example/api/support/key123/report/{code}"
    text = json.dumps({"message": message, field: url})
    for _ in range(escapes):
        text = json.dumps({"statusCode": 500, "resBody": text})
    findings = inspect_text("log line: " + text)
    assert findings.report_url == url
    assert findings.message == (message.strip() or None)


@pytest.mark.parametrize(
    "name, url",
    [
        ("45_devin-williams_jwt-pizza_bold-times-mst.md", SUPPORT_URL),
        ("05_ianjrobertson_jwt-pizza_oncall-lines-datetime.md", LEGACY_URL),
    ],
)
def test_urls_in_real_postmortems(name, url):
    path = CORPUS / name
    assert url in [link.url for link in inspect_text(path.read_text(encoding="utf-8")).report_links]


def test_pretty_printed_body_spanning_lines_after_headers():
    text = (
        "HTTP/1.1 500 Internal Server Error\nContent-Type: application/json\n\n"
        + json.dumps(json.loads(FACTORY_BODY), indent=2)
        + "\n"
    )
    findings = inspect_text(text)
    assert findings.report_links[0].field == "reportUrl"
    assert findings.body == json.loads(FACTORY_BODY)


@pytest.mark.parametrize(
    "broken", ['{"a":' * 50_000, "{" * 100_000, '{"a":\n' * 20_000, "[" * 50_000, '{"a":' * 500 + "1" + "}" * 500]
)
def test_broken_or_absurdly_nested_pastes_are_read_without_error(broken):
    findings = inspect_text(broken + "\n" + SERVICE_BODY)
    assert findings.report_url == SUPPORT_URL
