"""The postmortem fields form: impact figures, prose sections and action items, answered as changes."""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass, field

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Footer, Input, Label, Static, TextArea

from tui.app.display import printable
from tui.core.session import operations as ops
from tui.core.session.model import IMPACT_FIELDS, PROSE_FIELDS, Session
from tui.core.session.recorder import Recorder, check_size

# One-line fields get an Input; everything else in PROSE_FIELDS is prose and gets a TextArea.
SHORT_FIELDS = ("detection_source",)
PLACEHOLDERS: dict[str, str] = {
    "users_affected": "e.g. all 3 current users",
    "share_of_users": "e.g. 100%",
    "failed_requests": "e.g. about 40 orders",
    "support_tickets": "e.g. 2",
    "detection_source": "e.g. Grafana alert, customer report",
}


@dataclass
class FieldChanges:
    """What the person changed in the form, and nothing else: each becomes one journal operation."""

    fields: dict[str, str] = field(default_factory=dict)  # dotted path ("impact.users_affected") -> value
    added: list[tuple[str, str, bool]] = field(default_factory=list)  # (text, owner, done)
    edited: list[tuple[str, dict[str, str | bool]]] = field(default_factory=list)  # (item id, changed keys)
    deleted: list[str] = field(default_factory=list)  # item ids

    def __bool__(self) -> bool:
        return bool(self.fields or self.added or self.edited or self.deleted)

    def __len__(self) -> int:
        return len(self.fields) + len(self.added) + len(self.edited) + len(self.deleted)


def record_changes(recorder: Recorder, changes: FieldChanges) -> int:
    """Write the form's changes through the recorder (the app calls this; the form never writes).

    Sizes are checked first: one value over the limit refuses them all (TooLargeError), none written."""
    for value in (*changes.fields.values(), *(text + owner for text, owner, _ in changes.added)):
        check_size(value, "a field")
    for _, edits in changes.edited:
        for edit in edits.values():
            check_size(str(edit), "an action item")
    for path, value in changes.fields.items():
        recorder.set_field(path, value)
    for item_id in changes.deleted:
        recorder.record(ops.delete_action_op(recorder.now(), item_id))
    for item_id, edits in changes.edited:
        recorder.record(ops.edit_action_op(recorder.now(), item_id, **edits))
    for text, owner, done in changes.added:
        op = ops.add_action_op(recorder.now(), text, owner)
        op["item"]["done"] = done
        recorder.record(op)
    return len(changes)


class ActionRow(Horizontal):
    """One action item: what will be done, who owns it, whether it is done, and a button to drop it.

    Every part has a fixed width but the text, so the row fits an 80-column form whole."""

    DEFAULT_CSS = """
    ActionRow { height: 3; width: 100%; }
    ActionRow .action-text { width: 1fr; }
    ActionRow .action-owner { width: 18; }
    ActionRow .action-done { width: 14; }
    ActionRow Button { width: 10; min-width: 10; }
    """

    def __init__(self, item_id: str | None = None, text: str = "", owner: str = "", done: bool = False) -> None:
        super().__init__()
        self.item_id = item_id  # None: added in this form, not yet in the journal
        self._text, self._owner, self._done = text, owner, done

    def compose(self) -> ComposeResult:
        yield Input(self._text, placeholder="what will be done", classes="action-text")
        yield Input(self._owner, placeholder="owner", classes="action-owner")
        yield Checkbox("done", self._done, classes="action-done")
        yield Button("remove", classes="remove-action")

    @property
    def values(self) -> tuple[str, str, bool]:
        fields = list(self.query(Input))
        if len(fields) != 2:  # not composed yet: what it was given
            return self._text.strip(), self._owner.strip(), self._done
        return fields[0].value.strip(), fields[1].value.strip(), self.query_one(Checkbox).value


class FieldsForm(ModalScreen["FieldChanges | None"]):
    """Everything the postmortem needs that the timeline cannot tell; Ctrl+S saves, Escape cancels.

    Modal, so the main screen's single-letter keys (q quits) cannot fire while a button has focus.
    """

    HELP_GROUP = "Postmortem fields form"
    DEFAULT_CSS = """
    FieldsForm { background: $surface; }
    FieldsForm #form { padding: 0 2; }
    FieldsForm .heading { text-style: bold; color: $primary; margin-top: 1; }
    FieldsForm Grid { grid-size: 4; grid-columns: 18 1fr 18 1fr; grid-rows: 3; height: auto; }
    FieldsForm Grid Label { padding-top: 1; }
    FieldsForm .prose-label { margin-top: 1; }
    FieldsForm TextArea { height: 5; }
    FieldsForm #action-rows { height: auto; }
    FieldsForm #actions-bar { height: auto; margin-top: 1; }
    FieldsForm #actions-bar Button { margin-right: 2; }
    """
    # Priority bindings, handled as each key is read, in order with the keys around it: the words
    # a fast typist (or tmux) sends after a Tab land in the next field, and the keys sent after
    # Ctrl+S reach the main screen rather than the closing form (see `_settle`).
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="fields.save", tooltip="Save the changes and close", priority=True),
        Binding("escape", "cancel", "Cancel", id="fields.cancel", tooltip="Close without saving", priority=True),
        Binding(
            "ctrl+n",
            "add_action",
            "Add action item",
            id="fields.add_action",
            tooltip="Add an empty action item row",
            priority=True,
        ),
        Binding("tab", "app.focus_next", "Next field", id="fields.next", show=False, priority=True),
        Binding("shift+tab", "app.focus_previous", "Previous field", id="fields.previous", show=False, priority=True),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        # A snapshot of what the session held when the form opened: changes are measured against it.
        self.original_values = current_values(session)
        self.original_actions = {item.id: (item.text, item.owner, item.done) for item in session.action_items}
        self.title_text = session.title
        self._warned = False

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="form", can_focus=False):  # Tab goes field to field; focus scrolls
            # A Text, not markup: a title such as "API [prod] down" is shown as typed.
            yield Static(Text(f"Postmortem fields: {printable(self.title_text)}"), classes="heading")
            yield Static("Impact (as you would write it; nothing is invented)", classes="heading")
            with Grid():
                for name, label in IMPACT_FIELDS.items():
                    yield Label(label)
                    yield Input(
                        self.original_values[f"impact.{name}"],
                        id=f"impact-{name}",
                        placeholder=PLACEHOLDERS.get(name, ""),
                    )
                for name in SHORT_FIELDS:
                    yield Label(PROSE_FIELDS[name])
                    yield Input(
                        self.original_values[f"fields.{name}"],
                        id=f"fields-{name}",
                        placeholder=PLACEHOLDERS.get(name, ""),
                    )
            for name, label in PROSE_FIELDS.items():
                if name in SHORT_FIELDS:
                    continue
                yield Static(
                    f"{label} [not bold $foreground](left empty, the postmortem drafts it or leaves a prompt)[/]",
                    classes="heading prose-label",
                )
                yield TextArea(
                    self.original_values[f"fields.{name}"], id=f"fields-{name}", soft_wrap=True, show_line_numbers=False
                )
            yield Static("Action items", classes="heading")
            with Vertical(id="action-rows"):
                for item_id, (text, owner, done) in self.original_actions.items():
                    yield ActionRow(item_id, text, owner, done)
            with Horizontal(id="actions-bar"):
                yield Button("+ action item", id="add-action")
                yield Button("Save", id="save", variant="primary")
                yield Button("Cancel", id="cancel")
        yield Footer()

    def on_mount(self) -> None:
        self.focus_first()

    def focus_first(self) -> None:
        """Focus the first field now (not on the next turn), so keys typed ahead land in it."""
        if not isinstance(self.focused, (Input, TextArea)):
            self.set_focus(self.query_one(Input))

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.has_class("remove-action"):
            row = next(node for node in event.button.ancestors if isinstance(node, ActionRow))
            row.remove()
        elif event.button.id == "add-action":
            await self.action_add_action()
        elif event.button.id == "save":
            await self.action_save()
        elif event.button.id == "cancel":
            await self.action_cancel()

    async def action_add_action(self) -> None:
        # Awaited, so the row's fields exist and have focus before the next key is handled.
        row = ActionRow()
        await self.query_one("#action-rows").mount(row)
        self.set_focus(row.query_one(Input))  # at once; Widget.focus() would wait for the next turn
        row.scroll_visible()

    async def action_save(self) -> None:
        await self._settle()
        self.dismiss(self.changes())

    async def _settle(self) -> None:
        """Wait until the focused field has taken the keys already handed to it.

        Textual queues each key on the focused widget and reads the next key at once; this runs
        while the app holds the keys typed after Ctrl+S, so the form reads every key typed before
        it and none typed after. The callback queued behind those keys says when they are done.
        """
        field = self.focused
        if field is None:
            return
        done = asyncio.Event()
        field.call_later(done.set)
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(done.wait(), timeout=1.0)

    async def action_cancel(self) -> None:
        await self._settle()
        # Prose typed into this form exists nowhere else yet: one stray Escape must not lose it.
        if self.changes() and not self._warned:
            self._warned = True
            self.notify(
                "Unsaved changes: Escape again discards them, Ctrl+S saves them.", severity="warning", timeout=5
            )
            return
        self.dismiss(None)

    def changes(self) -> FieldChanges:
        """Compare what is on screen with what the form opened with."""
        result = FieldChanges()
        for path, before in self.original_values.items():
            widget = self.query_one(f"#{path.replace('.', '-')}")
            after = widget.text if isinstance(widget, TextArea) else widget.value  # type: ignore[attr-defined]
            # Prose keeps its inner layout; one-line fields lose stray spaces either side.
            after = after.rstrip() if isinstance(widget, TextArea) else after.strip()
            if after != before:
                result.fields[path] = after
        kept: set[str] = set()
        for row in self.query(ActionRow):
            text, owner, done = row.values
            if row.item_id is None:
                if text:
                    result.added.append((text, owner, done))
                continue
            if not text:
                continue  # emptied: the same as removing it
            kept.add(row.item_id)
            old_text, old_owner, old_done = self.original_actions[row.item_id]
            pairs: tuple[tuple[str, str | bool, str | bool], ...] = (
                ("text", old_text, text),
                ("owner", old_owner, owner),
                ("done", old_done, done),
            )
            edits = {name: new for name, old, new in pairs if new != old}
            if edits:
                result.edited.append((row.item_id, edits))
        result.deleted = [item_id for item_id in self.original_actions if item_id not in kept]
        return result


def current_values(session: Session) -> dict[str, str]:
    """The form's fields by dotted path, as the session holds them now."""
    values = {f"impact.{name}": getattr(session.impact, name) for name in IMPACT_FIELDS}
    values.update({f"fields.{name}": getattr(session.fields, name) for name in PROSE_FIELDS})
    return values
