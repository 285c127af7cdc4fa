"""The command palette (Ctrl+P): every action of the app, namespaced as "milestone: detected".

To add a family of entries (the "export: ..." ones, say), subclass `NamespacedProvider`, return
`PaletteCommand`s from `commands()`, and add the class to `ScribeApp.COMMANDS`. Matching, the
display and running the action are done here, so each family is only its list.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from tui.core.session.model import MILESTONE_KINDS, MILESTONE_LABELS, SEVERITIES

if TYPE_CHECKING:
    from tui.app.app import ScribeApp


@dataclass(frozen=True)
class PaletteCommand:
    """One palette entry. `run` is a Textual action string or a callable.

    An action string without a namespace ("note", "milestone('detected')") runs on the screen the
    palette was opened from, and the entry is only offered when that screen has the action; "app."
    actions run on the app and are always offered.
    """

    title: str  # "namespace: what", lower case, as people search for it
    help: str
    run: str | Callable[[], Any]


class NamespacedProvider(Provider):
    """A family of palette entries: discovery lists them all, typing narrows them fuzzily."""

    def commands(self) -> Iterable[PaletteCommand]:
        raise NotImplementedError

    def _available(self) -> list[tuple[PaletteCommand, Callable[[], Any]]]:
        found = []
        for command in self.commands():
            callback = self._callback(command.run)
            if callback is not None:
                found.append((command, callback))
        return found

    def _callback(self, run: str | Callable[[], Any]) -> Callable[[], Any] | None:
        if callable(run):
            return run
        if run.startswith("app."):
            return partial(self.app.run_action, run)
        name = run.split("(", 1)[0]
        if not hasattr(self.screen, f"action_{name}"):
            return None
        return partial(self.app.run_action, run, self.screen)

    async def discover(self) -> Hits:
        for command, callback in self._available():
            yield DiscoveryHit(command.title, callback, help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command, callback in self._available():
            score = matcher.match(command.title)
            if score > 0:
                yield Hit(score, matcher.highlight(command.title), callback, text=command.title, help=command.help)


class ScribeCommands(NamespacedProvider):
    """The live capture actions: the same ones the keys run, for those who would rather search."""

    def commands(self) -> Iterable[PaletteCommand]:
        yield PaletteCommand("note: new", "Write a note timed now", "note")
        for kind in MILESTONE_KINDS:
            label = MILESTONE_LABELS[kind].lower()
            yield PaletteCommand(f"milestone: {label}", f"Stamp '{MILESTONE_LABELS[kind]}' now", f"milestone('{kind}')")
        yield PaletteCommand("checklist: focus", "Walk the runbook's checklist", "focus_checklist")
        yield PaletteCommand("event: edit", "Edit the selected event's text and time", "edit")
        yield PaletteCommand("event: delete", "Delete the selected event (undo brings it back)", "delete")
        yield PaletteCommand("event: undo delete", "Bring back the last deleted event", "undo")
        yield PaletteCommand("severity: set", "Pick the severity", "app.open_severity")
        for level in SEVERITIES:
            yield PaletteCommand(f"severity: {level}", f"Set the severity to {level}", f"app.set_severity('{level}')")
        yield PaletteCommand(
            "fields: edit", "Impact, root cause, resolution, prevention, action items", "app.open_fields"
        )
        yield PaletteCommand(
            "inspect: factory response",
            "Paste the factory's error response; find, copy, open or follow its report URL",
            "app.inspector",
        )
        yield PaletteCommand(
            "export: preview postmortem", "Read the postmortem as it will be written", "app.export_preview"
        )
        yield PaletteCommand(
            "export: copy postmortem", "Put the postmortem (redacted) on the clipboard", "app.export_copy"
        )
        yield PaletteCommand(
            "export: save postmortem", "Write the postmortem (redacted) beside the session file", "app.export_save"
        )
        yield PaletteCommand(
            "replay: this session",
            "Play this session back as it happened, sped up; Escape returns here",
            "app.replay_session",
        )
        yield from self._session_commands()
        yield PaletteCommand("view: help", "Every key, and the id to remap it", "app.help")
        current = self.app.theme
        for name in sorted(self.app.available_themes, key=lambda name: (not name.startswith("scribe"), name)):
            mark = " (current)" if name == current else ""
            yield PaletteCommand(
                f"theme: {name}",
                f"Switch to the {name} theme{mark}; remembered in config.toml",
                partial(setattr, self.app, "theme", name),
            )
        yield PaletteCommand("app: quit", "Quit; everything is already saved", "app.quit")

    def _session_commands(self) -> Iterable[PaletteCommand]:
        from tui.app import session_actions  # the live app's recorder; the replay has no session to change
        from tui.core.session import runbooks

        if not hasattr(self.app, "recorder"):
            return
        app = cast("ScribeApp", self.app)
        yield PaletteCommand("session: rename", "Give this session a new title", partial(session_actions.rename, app))
        current = app.session.runbook
        for name in runbooks.available():
            mark = " (current)" if name == current else ""
            yield PaletteCommand(
                f"session: runbook {name}",
                f"Use the {name} runbook's steps as the checklist{mark}",
                partial(session_actions.set_runbook, app, name),
            )
