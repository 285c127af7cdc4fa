"""The stakeholder page as a stakeholder sees it: `scribe publish`, a real `scribe serve` and a real
headless Chromium. First load, a note arriving live, a reconnect after the server restarts, a
status update shown first, the key that never reaches the browser, and the 404s."""

from __future__ import annotations

import http.client
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from browser import chromium

from tui.core.session import folder as sessions

KEY = "sk_live_0123456789abcdefDEADBEEF"
REPORT = f"https://pizza.example.com/api/report?key={KEY}"
TITLE = "Pizza purchases failing"
SCREENSHOT = os.environ.get("SCRIBE_PAGE_SCREENSHOT", "")  # where to keep the picture the README shows


def scribe(*args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "tui", *args], capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr
    return done.stdout


class Serve:
    def __init__(self, port: int = 0) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tui", "serve", "--port", str(port)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "SCRIBE_HOOK_TOKEN": "browser-test-hook-token"},
        )
        first = self.process.stdout.readline().strip()  # type: ignore[union-attr]
        assert first.startswith("serving on http://127.0.0.1:"), first
        self.base = first.removeprefix("serving on ")
        self.port = int(self.base.rsplit(":", 1)[1])

    def stop(self) -> str:
        self.process.send_signal(signal.SIGINT)
        out, _ = self.process.communicate(timeout=20)
        return out


def stream_bytes(url: str, wait_for: bytes) -> bytes:
    """The raw bytes of the page's stream until they hold `wait_for` (a bounded wait)."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    connection.request("GET", parts.path + "/events")
    response = connection.getresponse()
    got = b""
    deadline = time.monotonic() + 10
    while wait_for not in got and time.monotonic() < deadline:
        got += response.read1(65536)
    connection.close()
    return got


@pytest.fixture
def page_session(scribe_home: Path):
    path = sessions.start_session(TITLE, zone="GMT", severity="SEV2")
    scribe("note", "--session", str(path), "--kind", "detected", f"Grafana alert; the factory report {REPORT}")
    return path


def test_the_page_in_chromium(page_session: Path, scribe_home: Path) -> None:
    server = Serve()
    (scribe_home / "config.toml").write_text(f'[serve]\npublic_url = "{server.base}"\n')
    url = scribe("publish", str(page_session)).strip().splitlines()[-1]
    assert url.startswith(f"{server.base}/incident/")
    try:
        with chromium() as browser:
            page = browser.new_page(viewport={"width": 820, "height": 1000})
            bodies: list[bytes] = []
            page.on("response", lambda r: bodies.append(r.body()) if "/events" not in r.url else None)
            first = page.goto(url)
            assert first is not None and first.status == 200
            assert page.locator("h1").inner_text() == TITLE
            assert "Grafana alert; the factory report" in page.locator(".timeline").inner_text()
            page.wait_for_function("document.getElementById('live').textContent.startsWith('Live')")

            started = time.monotonic()
            scribe("note", "--session", str(page_session), "the oven is back online")
            page.locator(".timeline", has_text="the oven is back online").wait_for(timeout=5000)
            print(f"note to page: {time.monotonic() - started:.2f}s (including the `scribe note` process)")

            # The server goes away; a note is written meanwhile; the page reconnects and shows it.
            port = server.port
            server.stop()
            scribe("note", "--session", str(page_session), "written while the server was down")
            server = Serve(port)
            page.locator(".timeline", has_text="written while the server was down").wait_for(timeout=10000)
            assert page.locator(".timeline li", has_text="the oven is back online").count() == 1

            scribe(
                "update",
                str(page_session),
                "--status",
                "identified",
                "We found the cause and are restoring the factory connection.",
            )
            page.locator(".latest", has_text="restoring the factory connection").wait_for(timeout=5000)
            assert page.locator(".status").inner_text() == "Identified"
            first_section = page.locator("main > section").first
            assert "We found the cause" in first_section.inner_text()
            if SCREENSHOT:
                page.screenshot(path=SCREENSHOT, full_page=True)

            html = page.content()
            stream = stream_bytes(url, b"restoring the factory connection")
            assert b"restoring the factory connection" in stream
            for raw in [html.encode(), stream, *bodies]:
                assert KEY.encode() not in raw
            assert "[REDACTED]" in html

            wrong = page.goto(url.rsplit("/", 1)[0] + "/" + "A" * 32)
            assert wrong is not None and wrong.status == 404 and TITLE not in page.content()

            live = browser.new_page()
            live.goto(url)
            scribe("unpublish", str(page_session))
            live.locator("main", has_text="no longer available").wait_for(timeout=5000)
            assert TITLE not in live.locator("main").inner_text()
            revoked = page.goto(url)
            assert revoked is not None and revoked.status == 404 and TITLE not in page.content()
    finally:
        log = server.stop()
    assert url.rsplit("/", 1)[1] not in log and "GET /incident/[link] 200" in log
