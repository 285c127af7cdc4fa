"""Following a report URL sends one kind of request only: a GET, with a timeout, never through a shell."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import urllib.request

import pytest
from factory_standin import FactoryStandIn

from tui.cli import inspect as inspect_command
from tui.cli.entry import main
from tui.core.factory import follow as report_url
from tui.core.factory.follow import DEFAULT_TIMEOUT, follow


@pytest.fixture
def no_shell(monkeypatch):
    """Any attempt to start a process or a shell fails the test."""

    def refuse(*args, **kwargs):
        raise AssertionError(f"following a URL started a process: {args!r}")

    for name in ("Popen", "run", "call", "check_call", "check_output"):
        monkeypatch.setattr(subprocess, name, refuse)
    monkeypatch.setattr(os, "system", refuse)
    monkeypatch.setattr(os, "popen", refuse)


def test_cli_follow_sends_only_gets_with_no_body_and_no_shell(no_shell, monkeypatch, capsys):
    with FactoryStandIn() as server:
        _, body = server.order()
        before = len(server.requests)
        moved = server.base_url + "/moved?to=" + server.report_url()
        monkeypatch.setattr(sys, "stdin", io.StringIO(body.replace(server.report_url(), moved)))
        assert main(["inspect", "--follow", "--yes"]) == 0
        sent = server.requests[before:]
    assert sent and {method for method, _ in sent} == {"GET"}  # the redirect is followed with a GET too
    assert server.chaos is False
    assert "200" in capsys.readouterr().out


def test_every_request_has_a_timeout_and_no_body(monkeypatch):
    seen = []

    def record(self, request, data=None, timeout=None):
        seen.append((request.get_method(), request.data, data, timeout))
        raise OSError("recorded, not sent")

    monkeypatch.setattr(urllib.request.OpenerDirector, "open", record)
    result = follow("https://factory.example/api/support/k/report/c")
    assert seen == [("GET", None, None, DEFAULT_TIMEOUT)]
    assert 0 < DEFAULT_TIMEOUT <= 30
    assert not result.ok
    follow("http://factory.example/x", timeout=2.5)
    assert seen[-1][-1] == 2.5


def test_the_follow_code_has_no_way_to_a_shell():
    sources = [report_url.__file__, inspect_command.__file__]
    for source in sources:
        text = open(source, encoding="utf-8").read()
        for forbidden in ("subprocess", "os.system", "os.popen", "shell=True", "webbrowser"):
            assert forbidden not in text, (source, forbidden)
