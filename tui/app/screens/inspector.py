"""The response inspector: paste or load a factory response, see its report URL, then copy, open or follow it."""

from __future__ import annotations

import threading
from collections.abc import Callable

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.events import Paste
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Input, Label, Static, TextArea

from tui.app import textual_private
from tui.app.browser import BrowserOutcome, open_in_browser
from tui.app.dialogs.follow_confirm import FollowConfirm
from tui.app.display import printable
from tui.app.screens import findings_text
from tui.app.screens.follow_flow import FollowFlow
from tui.core.clipboard import copy_with_terminal
from tui.core.errors import ScribeError
from tui.core.factory.follow import (
    DEFAULT_TIMEOUT,
    FollowResult,
    RefusedURLError,
    url_host,
)
from tui.core.factory.response import Findings, inspect_text

# Recording waits for a whole response: a paste, a loaded file, or an action on its URL. Typing
# would otherwise record every half-typed state.
HINT = (
    "Paste the failing response: the JSON body, headers and body from the browser's dev tools, "
    "or a log line. Ctrl+L loads it from a file instead."
)


class ResponseText(TextArea):
    """The paste box; it says when text arrived by paste, the moment a whole response is there to record."""

    class Pasted(Message):
        """A paste landed in the box."""

    async def on_paste(self, event: Paste) -> None:
        # TextArea inserts pasted text in its own handler; run it here, once, then announce the paste.
        event.prevent_default()
        await textual_private.paste_into_text_area(self, event)
        if not self.read_only:
            self.post_message(self.Pasted())


# Pastes up to this long are read at once (a few milliseconds); longer ones on a thread.
SCAN_AT_ONCE = 16_000


class InspectorScreen(Screen):
    """Shows what a pasted response says; recording and file reading are the app's, asked for by message."""

    CSS_PATH = "inspector.tcss"
    HELP_GROUP = "Inspector"
    AUTO_FOCUS = "#response"
    BINDINGS = [
        Binding(
            "escape",
            "close",
            "Back",
            id="inspector.close",
            tooltip="Back to the timeline; what was recorded stays there",
        ),
        Binding(
            "ctrl+f",
            "follow",
            "Follow URL",
            id="inspector.follow",
            tooltip="Send the GET to the report URL yourself (asks first, shows the host, 5 s timeout)",
        ),
        Binding(
            "ctrl+o",
            "open_url",
            "Open in browser",
            id="inspector.browser",
            tooltip="Open the report URL in your web browser",
        ),
        Binding("ctrl+t", "copy_url", "Copy URL", id="inspector.copy", tooltip="Copy the report URL to the clipboard"),
        Binding(
            "ctrl+l",
            "load",
            "Load file",
            id="inspector.load",
            tooltip="Read the response from a saved file: type its path, then Enter",
        ),
        Binding(
            "ctrl+s",
            "record",
            "Record",
            id="inspector.record",
            tooltip="Put this inspection on the timeline now (a paste or a loaded file is recorded at once)",
        ),
        Binding("ctrl+n", "clear", "Clear", id="inspector.clear", tooltip="Empty the paste box for another response"),
    ]

    class LoadFile(Message):
        """Read this file and hand its text back with `load_text` (or `show_problem`)."""

        def __init__(self, inspector: InspectorScreen, path: str) -> None:
            super().__init__()
            self.inspector = inspector
            self.path = path

    class Inspected(Message):
        """Record the inspection on the timeline and tick the runbook's inspect step."""

        def __init__(self, findings: Findings) -> None:
            super().__init__()
            self.findings = findings

    class OpenedInBrowser(Message):
        """The report URL went to the browser: the GET is the browser's, so only the step is recorded."""

        def __init__(self, url: str) -> None:
            super().__init__()
            self.url = url

    def __init__(
        self, timeout: float = DEFAULT_TIMEOUT, record_late: Callable[[FollowResult], None] | None = None
    ) -> None:
        super().__init__()
        self.timeout = timeout
        # Records an answer that arrives after the app has quit (the app hands it in).
        self.record_late = record_late
        self.follow_thread: threading.Thread | None = None
        self.findings: Findings | None = None
        self.following = False
        self._record_when_scanned = False
        self._recorded_text: str | None = None
        self._opened_urls: set[str] = set()  # handed to a browser and noted on the timeline
        self._binding_state: tuple[bool, ...] = ()
        self.follow_flow = FollowFlow(self)

    def compose(self) -> ComposeResult:
        yield Static("[b]Inspect the factory response[/b]", id="inspector-title")
        with Horizontal(id="inspector-body"):
            with Vertical(id="paste-side"):
                yield Label(HINT, id="paste-hint")
                yield ResponseText(id="response", soft_wrap=True, tab_behavior="focus")
                with Horizontal(id="load-row"):
                    yield Label("File:", id="load-label")
                    yield Input(placeholder="path of a saved response, then Enter", id="load-path")
                yield Static("", id="load-problem")
            with VerticalScroll(id="findings"):
                yield Static("", id="facts")
                yield Static("", id="report-url")
                yield Static("", id="answer")
                yield Static("", id="recorded")
                yield Static("", id="json")
        yield Footer()

    def on_mount(self) -> None:
        self._show(None)

    # -- what the app hands down ------------------------------------------------------------------

    def load_text(self, text: str, source: str) -> None:
        """A file's text, read by the app: shown and inspected like a paste, and recorded at once."""
        self._problem("")
        area = self.query_one(ResponseText)
        area.load_text(text)
        area.focus()
        self._inspect(record=True)
        self.notify(f"Loaded {source}", timeout=3, markup=False)  # a path may hold [brackets]

    def show_problem(self, text: str) -> None:
        """Why a file could not be loaded, shown under the path until the next try."""
        self._problem(text)

    # -- reading the paste -------------------------------------------------------------------------

    @on(TextArea.Changed, "#response")
    def _text_changed(self) -> None:
        self._inspect()

    @on(ResponseText.Pasted)
    def _pasted(self) -> None:
        self._inspect(record=True)

    def _inspect(self, record: bool = False) -> None:
        """Read the box: at once when it is short, else on a thread, so a large paste never holds
        the screen (Escape still works); the findings shown always belong to the text in the box."""
        text = self.query_one(ResponseText).text
        if len(text) <= SCAN_AT_ONCE:
            self._scanned(text, inspect_text(text) if text.strip() else None, record)
            return
        self._record_when_scanned = self._record_when_scanned or record
        if self.findings is not None:  # what is shown belongs to the old text: not to act on
            self.findings = None
            self._show(None)
            self._sync_bindings()
        self._scan(text)

    @work(thread=True, exclusive=True, group="inspect")
    def _scan(self, text: str) -> None:
        findings = inspect_text(text)
        try:
            self.app.call_from_thread(self._scan_done, text, findings)
        except RuntimeError:  # the app has gone meanwhile
            pass

    def _scan_done(self, text: str, findings: Findings) -> None:
        if not self.is_attached or text != self.query_one(ResponseText).text:
            return  # typed on meanwhile: the scan of the newer text will report
        record, self._record_when_scanned = self._record_when_scanned, False
        self._scanned(text, findings, record)

    def _scanned(self, text: str, findings: Findings | None, record: bool) -> None:
        if findings != self.findings:
            self.findings = findings
            self._show(findings)
            self._answer("", "")
        self._show_recorded()
        self._sync_bindings()
        if record:
            self._record_inspection()

    @property
    def recorded(self) -> bool:
        """The text in the box, as it is now, is on the timeline."""
        return self._recorded_text is not None and self._recorded_text == self.query_one(ResponseText).text

    def _record_inspection(self) -> None:
        """Put the inspection on the timeline once per distinct text in the box."""
        if self.findings is None or self.recorded:
            return
        self._recorded_text = self.query_one(ResponseText).text
        self.post_message(self.Inspected(self.findings))
        self._show_recorded()
        self._sync_bindings()

    def _show_recorded(self) -> None:
        line = self.query_one("#recorded", Static)
        if self.findings is None:
            line.update("")
        elif self.recorded:
            line.update(Content.styled("✓ Inspection recorded on the timeline", "$text-success"))
        else:
            # Typed (or pasted by a terminal without bracketed paste): say how it gets recorded.
            line.update(
                Content.styled(
                    "Not on the timeline yet: Ctrl+S records it (copying, opening or following the URL does too)",
                    "$text-warning",
                )
            )

    def _show(self, findings: Findings | None) -> None:
        url = self.query_one("#report-url", Static)
        url.set_class(findings is not None and bool(findings.report_links), "found")
        url.set_class(findings is not None and not findings.report_links, "missing")
        self.query_one("#facts", Static).update(findings_text.facts(findings))
        url.update(findings_text.report_urls(findings))
        self.query_one("#json", Static).update(findings_text.json_body(findings))

    # -- actions on the URL --------------------------------------------------------------------------

    def _sync_bindings(self) -> None:
        """Redraw the footer only when what it greys out changed: redrawing it on every typed key is slow."""
        state = (
            self.findings is not None,
            bool(self.findings and self.findings.report_url),
            self.findings is not None and self.recorded,
            self.following,
        )
        if state != self._binding_state:
            self._binding_state = state
            self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "record" and (self.findings is None or self.recorded):
            return False if self.findings is not None else None  # recorded: not offered; nothing yet: greyed
        if action in ("follow", "open_url", "copy_url"):
            if self.findings is None or self.findings.report_url is None:
                return None  # shown greyed out: there is no URL to act on yet
            if action == "follow" and self.following:
                return None
        return True

    def _url(self) -> str | None:
        if self.findings is None or self.findings.report_url is None:
            return None
        self._record_inspection()  # typed rather than pasted: acting on it is when it counts
        return self.findings.report_url

    def action_record(self) -> None:
        self._record_inspection()

    def action_copy_url(self) -> None:
        url = self._url()
        if url is not None:
            try:
                copied = copy_with_terminal(url, terminal=self.app.copy_to_clipboard)
            except ScribeError as error:
                self.notify(f"Could not copy the report URL: {error}", severity="error", timeout=8, markup=False)
                return
            self.notify(f"Report URL {copied.describe()}.", timeout=3, markup=False)

    def action_open_url(self) -> None:
        url = self._url()
        if url is None:
            return
        try:
            url_host(url)  # the browser gets only what Scribe itself would follow
        except RefusedURLError as error:
            self._answer(f"✖ {error}", "error")
            return
        self._answer("Handing the report URL to the web browser…", "")
        self._open_in_browser(url)

    @work(thread=True, exit_on_error=False, group="browser")
    def _open_in_browser(self, url: str) -> None:
        """Off the UI thread: a browser command may take its time, and the keys must not wait."""
        outcome = open_in_browser(url)
        self.app.call_from_thread(self._browser_answered, url, outcome)

    def _browser_answered(self, url: str, outcome: BrowserOutcome) -> None:
        if outcome.handed and url not in self._opened_urls:  # the timeline says it once, not per press
            self._opened_urls.add(url)
            self.post_message(self.OpenedInBrowser(url))
        if self.is_attached:
            self._answer(outcome.message, "" if outcome.handed else "error")

    def action_follow(self) -> None:
        self.follow_flow.ask()

    def follow_refused(self, text: str) -> None:
        self.follow_flow.refused(text)

    def show_followed(self, result: FollowResult) -> None:
        """The answer, recorded by the app, shown here if the screen is still open."""
        self.follow_flow.show(result)

    def _answer(self, text: str, kind: str) -> None:
        answer = self.query_one("#answer", Static)
        # Each line made safe on its own: the factory's words come from the network.
        answer.update(Content("\n".join(printable(line) for line in text.split("\n"))))
        answer.display = bool(text)
        answer.set_class(kind == "ok", "ok")
        answer.set_class(kind == "error", "error")

    # -- the rest ------------------------------------------------------------------------------------

    def action_load(self) -> None:
        self.query_one("#load-path", Input).focus()

    @on(Input.Submitted, "#load-path")
    def _load_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        path = event.value.strip()
        if not path:
            self._problem("Type the path of a file that holds the response.")
            return
        self.post_message(self.LoadFile(self, path))

    def _problem(self, text: str) -> None:
        problem = self.query_one("#load-problem", Static)
        problem.update(Content(printable(text)))
        problem.set_class(bool(text), "shown")

    def action_clear(self) -> None:
        area = self.query_one(ResponseText)
        area.clear()
        self._recorded_text = None
        self._inspect()
        area.focus()

    def action_close(self) -> None:
        self.dismiss()


# Screens whose keys config.toml may remap although they are not on screen at start.
INSPECTOR_SCREENS = (InspectorScreen, FollowConfirm)
