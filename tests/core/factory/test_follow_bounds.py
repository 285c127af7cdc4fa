"""Following a report URL cannot hang, cannot be pointed elsewhere than the host shown, and cannot
be led to another host without asking again."""

from __future__ import annotations

import io
import sys
import time

import pytest
from factory_standin import FactoryStandIn

from tui.cli.entry import main
from tui.core.factory import follow as report_url
from tui.core.factory.follow import RefusedURLError, follow, target, url_host


@pytest.fixture
def standin():
    with FactoryStandIn() as server:
        yield server


@pytest.mark.parametrize("part", ["headers", "body"])
def test_one_deadline_bounds_a_server_that_drips(standin, part):
    # A byte every 0.2 s: each read is quick, so only a deadline for the whole request ends it.
    started = time.monotonic()
    result = follow(f"{standin.base_url}/drip?part={part}&every=0.2", timeout=1.0)
    elapsed = time.monotonic() - started
    assert result.outcome == report_url.TIMEOUT and "within 1 s" in (result.explanation or "")
    assert elapsed < 30  # a sanity bound, not a timing claim: a dripping server held it for minutes


def test_the_body_is_capped(standin):
    result = follow(f"{standin.base_url}/huge?mb=8", timeout=20)
    assert result.status == 200 and len(result.body) == 1 << 20


@pytest.mark.parametrize(
    ("written", "reached"),
    [
        ("http://%31%32%37.0.0.1:8080/x", "127.0.0.1:8080"),
        ("http://2130706433/x", "127.0.0.1"),
        ("http://0x7f000001/x", "127.0.0.1"),
        ("http://127.1/x", "127.0.0.1"),
        ("http://0177.0.0.1/x", "127.0.0.1"),
        ("http://Pizza-Factory.Example./x", "pizza-factory.example."),
        ("http://[::1]:9/x", "[::1]:9"),
    ],
)
def test_the_host_is_shown_as_it_will_be_reached(written, reached):
    assert url_host(written) == reached
    sent, host = target(written)
    assert host == reached and f"//{reached}/" in sent


@pytest.mark.parametrize(
    "url",
    [
        "http://user@factory.example/x",
        "http://factory.example:443@127.0.0.1/x",
        "http://user:pw@[::1]:9/x",
        "http://%40evil@factory.example/x",
        "http://fact%2Fory.example/x",
        "http://256.256.256.256/x",
    ],
)
def test_user_names_and_odd_hosts_are_refused(url):
    with pytest.raises(RefusedURLError):
        url_host(url)


def test_the_request_goes_to_the_host_shown(standin):
    port = standin.base_url.rsplit(":", 1)[1]
    result = follow(f"http://2130706433:{port}/api/support/{standin.api_key}/report/{standin.fix_code}")
    assert result.host == f"127.0.0.1:{port}" and result.outcome == report_url.RESOLVED


def test_a_redirect_to_another_host_is_not_followed(standin):
    port = standin.base_url.rsplit(":", 1)[1]
    elsewhere = f"http://localhost:{port}/api/support/{standin.api_key}/report/{standin.fix_code}"
    result = follow(f"{standin.base_url}/moved?to={elsewhere}")
    assert result.outcome == report_url.REDIRECTED and not result.ok
    assert result.redirect == elsewhere and f"localhost:{port}" in (result.explanation or "")
    assert standin.chaos is True  # nothing was sent to the other host


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_cli_asks_again_for_the_new_host(standin, monkeypatch, capsys):
    port = standin.base_url.rsplit(":", 1)[1]
    elsewhere = f"http://localhost:{port}/api/support/{standin.api_key}/report/{standin.fix_code}"
    body = '{"message": "x", "reportUrl": "' + f"{standin.base_url}/api/support/k/report/c" + '"}'
    body = body.replace(f"{standin.base_url}/api/support/k/report/c", f"{standin.base_url}/moved?to={elsewhere}")
    path = _write(body)
    monkeypatch.setattr(sys, "stdin", _Terminal("y\nn\n"))
    assert main(["inspect", str(path), "--follow"]) == 1
    err = capsys.readouterr().err
    assert f"Send a GET to 127.0.0.1:{port}" in err and f"Send a GET to localhost:{port}" in err
    assert standin.chaos is True
    monkeypatch.setattr(sys, "stdin", _Terminal("y\ny\n"))
    assert main(["inspect", str(path), "--follow"]) == 0
    assert standin.chaos is False


def test_yes_agrees_to_the_first_host_only(standin, capsys):
    port = standin.base_url.rsplit(":", 1)[1]
    elsewhere = f"http://localhost:{port}/api/support/{standin.api_key}/report/{standin.fix_code}"
    path = _write('{"reportUrl": "' + f"{standin.base_url}/moved?to={elsewhere}" + '"}')
    assert main(["inspect", str(path), "--follow", "--yes"]) == 1
    assert "redirected to another host" in capsys.readouterr().err and standin.chaos is True


def _write(text: str):
    import tempfile
    from pathlib import Path

    handle = tempfile.NamedTemporaryFile("w", suffix=".json", delete=False)
    with handle:
        handle.write(text)
    return Path(handle.name)
