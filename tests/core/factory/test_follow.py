"""Following the report URL against a stand-in factory on loopback: the real GET, every way it can go."""

from __future__ import annotations

import socket
import urllib.request

import pytest
from factory_standin import NO_CHAOS, RESOLVED, UNRESOLVED, FactoryStandIn

from tui.core.errors import ScribeError
from tui.core.factory import follow as report_url
from tui.core.factory.follow import RefusedURLError, follow, url_host
from tui.core.factory.response import inspect_text


@pytest.fixture
def standin():
    with FactoryStandIn() as server:
        yield server


def test_order_inspect_follow_ends_the_chaos(standin):
    status, body = standin.order()
    assert status == 500
    findings = inspect_text(body)
    assert findings.report_url == standin.report_url()

    result = follow(findings.report_url)
    assert result.outcome == report_url.RESOLVED and result.ok
    assert (result.status, result.message) == (200, RESOLVED)
    assert result.summary() == f"200 {RESOLVED}"
    assert result.explanation is None
    assert standin.chaos is False
    assert standin.order()[0] == 200


def test_factory_body_and_legacy_url_shape():
    with FactoryStandIn(legacy_url=True) as server:
        status, body = server.order("/factory/api/order")
        findings = inspect_text(body)
        assert (status, findings.message) == (500, "chaos monkey")
        assert "/api/report?apiKey=" in findings.report_url
        assert follow(findings.report_url).outcome == report_url.RESOLVED
        assert server.chaos is False


def test_following_twice_says_no_chaos(standin):
    follow(standin.report_url())
    again = follow(standin.report_url())
    assert again.outcome == report_url.NO_CHAOS and again.ok
    assert again.message == NO_CHAOS
    assert "no chaos to end" in again.explanation


def test_wrong_fix_code_is_a_400_problem_unresolved(standin):
    result = follow(standin.report_url(fix_code="wrong123"))
    assert result.outcome == report_url.UNRESOLVED and not result.ok
    assert (result.status, result.message) == (400, UNRESOLVED)
    assert result.explanation.startswith("the factory answered 400 Problem unresolved")
    assert standin.chaos is True


def test_other_http_errors_keep_status_and_body(standin):
    result = follow(standin.base_url + "/api/nowhere")
    assert (result.outcome, result.status) == (report_url.HTTP_ERROR, 404)
    assert result.explanation == "the factory answered 404 unknown endpoint"
    assert '"unknown endpoint"' in result.body


def test_unreachable_host():
    with socket.socket() as probe:  # a port that was free a moment ago refuses connections
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = follow(f"http://127.0.0.1:{port}/api/support/k/report/c")
    assert result.outcome == report_url.UNREACHABLE and not result.ok
    assert result.status is None
    assert result.explanation.startswith(f"could not reach 127.0.0.1:{port}: ")
    assert result.summary() == result.explanation


def test_timeout_is_reported_not_raised(standin):
    standin.slow(30)  # released by stop(), so the test ends as soon as the client gives up
    result = follow(standin.report_url(), timeout=0.2)
    assert result.outcome == report_url.TIMEOUT and not result.ok
    assert result.explanation == f"no answer from {url_host(standin.base_url)} within 0.2 s"


@pytest.mark.parametrize(
    "url, wording",
    [
        ("file:///etc/passwd", "refusing to follow a file: URL"),
        ("javascript:alert(1)", "refusing to follow a javascript: URL"),
        ("ftp://factory.example/report", "refusing to follow a ftp: URL"),
        ("factory.example/api/support/k/report/c", "without http:// or https://"),
        ("http:///api/support/k/report/c", "names no host"),
        ("http://factory.example/report/\nHost: evil", "control characters"),
        ("http://factory.example:99999/x", "refusing to follow the report URL"),
    ],
)
def test_non_http_urls_are_refused_before_any_network_io(url, wording, monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("a refused URL must not reach the network")

    monkeypatch.setattr(urllib.request.OpenerDirector, "open", no_network)
    with pytest.raises(RefusedURLError, match=wording) as caught:
        follow(url)
    assert isinstance(caught.value, ScribeError) and caught.value.exit_code == 2


def test_host_shown_for_confirmation():
    assert url_host("https://pizza-factory.cs329.click/api/support/k/report/c") == "pizza-factory.cs329.click"
    assert url_host("http://127.0.0.1:8080/x") == "127.0.0.1:8080"
    assert url_host("http://[::1]:9/x") == "[::1]:9"


def test_redirects_are_followed_only_to_http(standin):
    moved = standin.base_url + "/moved?to="
    refused = follow(moved + "file:///etc/passwd")
    assert refused.outcome == report_url.REFUSED and not refused.ok
    assert refused.explanation == "the report URL redirected to a file: URL; only http and https are followed"
    assert follow(moved + "ftp://factory.example/x").outcome == report_url.REFUSED
    assert follow(moved + standin.report_url()).outcome == report_url.RESOLVED
    assert standin.chaos is False
