"""The inspector's follow: ask about the host first, send the GET on a thread of its own, show the answer."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from textual.app import App
from textual.message import Message

from tui.app.dialogs.follow_confirm import FollowConfirm
from tui.core.errors import ScribeError
from tui.core.factory.follow import REDIRECTED, FollowResult, RefusedURLError, follow, url_host

if TYPE_CHECKING:
    from tui.app.screens.inspector import InspectorScreen

# How long a follow's thread waits for the app to take its answer before recording it itself.
LATE_WAIT = 2.0


# In the inspector's namespace: handled as on_inspector_screen_followed and on_inspector_screen_follow_refused.
class Followed(Message, namespace="inspector_screen"):
    """Record the factory's answer on the timeline and, when it worked, tick the follow step.

    `claim()` is True once only: whoever gets it (the app, or the follow's own thread when the
    app has quit meanwhile) records the answer, so it is recorded exactly once."""

    def __init__(self, result: FollowResult, inspector: InspectorScreen | None = None) -> None:
        super().__init__()
        self.result = result
        self.inspector = inspector
        self._lock = threading.Lock()
        self._claimed = False
        self.handled = threading.Event()

    def claim(self) -> bool:
        with self._lock:
            claimed, self._claimed = self._claimed, True
        return not claimed


class FollowRefused(Message, namespace="inspector_screen"):
    def __init__(self, inspector: InspectorScreen, text: str) -> None:
        super().__init__()
        self.inspector = inspector
        self.text = text


class FollowFlow:
    """The inspector screen's follow of its report URL; the screen holds what is shown, this the steps."""

    def __init__(self, screen: InspectorScreen) -> None:
        self.screen = screen

    def ask(self) -> None:
        screen = self.screen
        url = screen._url()
        if url is None or screen.following:
            return
        try:
            host = url_host(url)
        except RefusedURLError as error:
            screen._answer(f"✖ {error}", "error")
            return

        def confirmed(send: bool | None) -> None:
            if send:
                self._start(url, host)
            else:
                screen._answer("Not followed: nothing was sent.", "")

        screen.app.push_screen(FollowConfirm(url, host), confirmed)

    def _ask_about_redirect(self, url: str) -> None:
        """A redirect to another host: the user agreed to the first host only, so ask about this one."""
        screen = self.screen
        try:
            host = url_host(url)
        except RefusedURLError as error:
            screen._answer(f"✖ {error}", "error")
            return

        def confirmed(send: bool | None) -> None:
            if send and screen.is_attached and not screen.following:
                self._start(url, host)

        screen.app.push_screen(FollowConfirm(url, host), confirmed)

    def _start(self, url: str, host: str) -> None:
        screen = self.screen
        screen.following = True
        screen._sync_bindings()
        screen._answer(f"Following: waiting for {host} (up to {screen.timeout:g} s)…", "")
        # A thread of its own, not a worker: quitting does not wait for it, and it lives on (at
        # most the follow's deadline) to record the answer once the app has gone.
        screen.follow_thread = threading.Thread(target=self._follow, args=(url, screen.app), name="scribe-follow")
        screen.follow_thread.start()

    def _follow(self, url: str, app: App[object]) -> None:
        """The GET, on its own thread; the answer goes to the app, which records it and shows it here.

        The app is handed in rather than looked up: once the screen is closed it no longer leads
        to the app, and the answer must still be recorded.
        """
        screen = self.screen
        try:
            result = follow(url, timeout=screen.timeout)
        except ScribeError as error:  # refused after all (checked before asking; kept for safety)
            app.post_message(FollowRefused(screen, f"✖ {error}"))
            return
        message = Followed(result, screen)
        if app.post_message(message) and message.handled.wait(LATE_WAIT):
            return
        if screen.record_late is not None and message.claim():  # the app quit before it could record it
            screen.record_late(result)

    def refused(self, text: str) -> None:
        screen = self.screen
        screen.following = False
        if screen.is_attached:
            screen._sync_bindings()
            screen._answer(text, "error")

    def show(self, result: FollowResult) -> None:
        """The answer, recorded by the app, shown on the screen if it is still open."""
        screen = self.screen
        screen.following = False
        if not screen.is_attached:
            return
        screen._sync_bindings()
        if result.outcome == REDIRECTED and result.redirect is not None:
            self._ask_about_redirect(result.redirect)
        if result.status is None:
            screen._answer(f"✖ No answer: {result.explanation}\nRecorded on the timeline; nothing ticked.", "error")
        elif result.ok:
            extra = f"\n{result.explanation}" if result.explanation else ""
            screen._answer(f"✔ Factory answered {result.summary()}{extra}\nRecorded on the timeline.", "ok")
        else:
            screen._answer(
                f"✖ {result.explanation or result.summary()}\nRecorded on the timeline; nothing ticked.", "error"
            )
