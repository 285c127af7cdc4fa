"""Requests the screen and its widgets send up to the app, which turns each into a Recorder call."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from textual.message import Message


@dataclass
class Draft:
    """What the entry bar is writing: a new note, or the text of a milestone already stamped.

    The time is the key press that opened the bar, not the Enter that closes it. For a milestone
    the app fills in `event_id` once the stamp is on record, so the text typed afterwards can be
    written as an edit of that event.
    """

    kind: str
    time: datetime
    default: str = ""
    event_id: str | None = None

    @property
    def is_note(self) -> bool:
        return self.kind == "note"


class StampMilestone(Message):
    """Record a milestone now, at the time of the key press."""

    def __init__(self, draft: Draft) -> None:
        super().__init__()
        self.draft = draft


class SaveEntry(Message):
    """The entry bar's text was accepted with Enter: a note (maybe several), or a milestone's text."""

    def __init__(self, draft: Draft, text: str) -> None:
        super().__init__()
        self.draft = draft
        self.text = text


class ToggleCheck(Message):
    """Tick or untick a checklist item; the tick is also a timeline event.

    Its moment is `at`: Message.time is Textual's own (when the message was made, in seconds).
    """

    def __init__(self, item_id: str, time: datetime) -> None:
        super().__init__()
        self.item_id = item_id
        self.at = time


class EditEvent(Message):
    """Change an event's text and/or time (None leaves that part as it is); the new time is `new_time`,
    as Message.time is Textual's own."""

    def __init__(self, event_id: str, text: str | None, time: datetime | None) -> None:
        super().__init__()
        self.event_id = event_id
        self.text = text
        self.new_time = time


class DeleteEvent(Message):
    """Tombstone an event; `UndoDelete` brings back the latest one."""

    def __init__(self, event_id: str) -> None:
        super().__init__()
        self.event_id = event_id


class KeepCommand(Message):
    """Put a shell command on the exported timeline (`kept`), or take it off."""

    def __init__(self, event_id: str, kept: bool) -> None:
        super().__init__()
        self.event_id = event_id
        self.kept = kept


class UndoDelete(Message):
    """Restore the most recently deleted event."""


class SetField(Message):
    """Set a session field by its dotted path ("severity", "impact.users_affected", "fields.root_cause")."""

    def __init__(self, path: str, value: str) -> None:
        super().__init__()
        self.path = path
        self.value = value


class AddActionItem(Message):
    """Add a follow-up with its owner to the postmortem."""

    def __init__(self, text: str, owner: str = "") -> None:
        super().__init__()
        self.text = text
        self.owner = owner
