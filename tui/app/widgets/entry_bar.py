"""The entry bar: one line at the bottom where notes and milestone texts are typed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, tzinfo
from pathlib import Path

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.geometry import Size
from textual.reactive import Reactive
from textual.widget import Widget
from textual.widgets import Input, Label

from tui.app import textual_private
from tui.app.display import KIND_LABELS, hms, printable
from tui.app.messages import Draft, SaveEntry
from tui.core.errors import ScribeError

NOTE_PLACEHOLDER = "Type a note (start with 10:24 or -5m to back-date); Enter saves, Escape puts it aside"
CLOSED_PLACEHOLDER = "notes and milestone texts are typed here (keys below)"
HELD_PLACEHOLDER = "note put aside, n brings it back: "
# Pasted line breaks are kept in the one-line input as this mark, so the paste stays visible and
# editable; Enter turns each marked line into its own event.
LINE_MARK = " ⏎ "
PROMPT_CELLS = 20  # the prompt's width less its padding (entry_bar.tcss)


class EntryInput(Input):
    """An Input that takes its keys in the app's own turn and keeps multi-line pastes.

    Textual hands each key to the focused widget's queue and moves on to the next key at once, so
    the effect of Enter (the bar closes, focus goes back) would come after keys typed right behind
    it, and those keys would land in a closed bar. The app calls `type_now` instead, which handles
    the key completely before the next one is routed (see ScribeApp.on_event).
    """

    # Input sets its virtual size (the text's width) on every change, and the base reactive lays
    # the whole screen out for it: once per typed character, and once more when Enter clears the
    # text. The bar's size never depends on its text, so here the change only repaints.
    virtual_size: Reactive[Size] = textual_private.virtual_size_without_layout()

    def __init__(self, **kwargs) -> None:
        # Selecting on focus would happen after keys typed ahead, and the next key would replace them.
        super().__init__(select_on_focus=False, **kwargs)

    def close_if_saved(self) -> None:
        """A key typed after Enter but before the saved entry was drawn: close the bar first."""
        bar = self.parent
        if isinstance(bar, EntryBar):
            bar.finish_closing()

    async def type_now(self, event: events.Key) -> None:
        app = self.app
        if await textual_private.run_key_bindings(app, event.key, priority=True):  # Ctrl+Q and other priority keys
            return
        bar = self.parent
        if event.key == "enter" and isinstance(bar, EntryBar):
            bar.save()
        elif event.is_printable:
            await textual_private.type_into_input(self, event)
        else:  # the input's own keys (arrows, backspace, Ctrl+W), then Escape, then the app's
            await textual_private.run_key_bindings(app, event.key)

    def on_paste(self, event: events.Paste) -> None:
        # Textual runs the paste handler of every class, this one first; prevent_default keeps
        # Input's from cutting the paste to its first line.
        lines = [line.strip() for line in event.text.splitlines() if line.strip()]
        if len(lines) > 1:
            event.stop()
            event.prevent_default()
            text = LINE_MARK.join(lines)
            if self.selection.is_empty:
                self.insert_text_at_cursor(text)
            else:
                self.replace(text, *self.selection)


class EntryBar(Horizontal):
    """Hidden until a note or milestone opens it with a Draft; Enter saves, Escape closes.

    Closed, its line stays (see entry_bar.tcss) and says how to open it; its input cannot be
    focused then, so nothing is typed into a bar that has no draft to save it to. A note closed
    with Escape is not dropped: it is held, named on the closed line, until `n` brings it back.
    """

    DEFAULT_CSS = (Path(__file__).with_suffix(".tcss")).read_text()
    BINDINGS = [
        Binding(
            "escape",
            "cancel",
            "Close",
            id="entry.cancel",
            tooltip="Close the entry bar; a note's text is kept for n, a stamped milestone keeps its default text",
        ),
    ]

    def __init__(
        self,
        refusal: Callable[[str], str | None] | None = None,
        preview: Callable[[Draft, str], list[tuple[datetime, str]]] | None = None,
        **kwargs,
    ) -> None:
        super().__init__(**kwargs)
        # The entries Enter would record (times included), shown in the prompt while typing, so a
        # back-date or a pasted list is seen before it is saved.
        self.preview = preview
        self.draft: Draft | None = None
        # A note put aside with Escape, with its text: under stress Escape is pressed by reflex.
        self.held: tuple[Draft, str] | None = None
        self._tz: tzinfo = UTC
        self._prompt_shown = Text("›")
        self.return_to: Widget | None = None
        # Why a text cannot be saved (a time out of range, too large), asked before the bar closes:
        # a refused entry stays in the bar, with the reason, for the writer to fix.
        self.refusal = refusal
        self._closing = False

    def compose(self) -> ComposeResult:
        yield Label("›", id="entry-prompt")
        entry = EntryInput(placeholder=CLOSED_PLACEHOLDER, id="entry-input")
        # Not `disabled`: toggling that restyles the input twice per note, for the same effect.
        entry.can_focus = False
        yield entry

    def _show_closed(self) -> None:
        self.remove_class("open")
        self._prompt_shown = Text("›")
        self.query_one("#entry-prompt", Label).update(self._prompt_shown, layout=False)
        if self.held is not None:
            self.input.placeholder = HELD_PLACEHOLDER + printable(self.held[1])
        else:
            self.input.placeholder = CLOSED_PLACEHOLDER
        self.input.can_focus = False

    def unsent_text(self) -> str:
        """What was typed and would be lost on quitting: the open entry's new text, or a held note."""
        draft = self.draft
        if draft is not None and self.is_open:
            value = self.input.value.strip()
            if value and value != draft.default:
                return value
        return self.held[1] if self.held is not None else ""

    def resume(self, tz: tzinfo, return_to: Widget | None = None) -> bool:
        """Open the held note again, at its own time and with its text; False when none is held."""
        if self.held is None:
            return False
        draft, text = self.held
        self.held = None
        self.open(draft, tz, return_to=return_to)
        self.input.value = text
        self.input.cursor_position = len(text)
        return True

    @property
    def input(self) -> EntryInput:
        return self.query_one(EntryInput)

    @property
    def is_open(self) -> bool:
        return self.has_class("open") and not self._closing

    def open(self, draft: Draft, tz: tzinfo, return_to: Widget | None = None) -> None:
        """Show the bar for a draft (its default text ready to accept with Enter); focus it now.

        Focus moves at once rather than after pending messages, so the keys typed right after the
        key that opened the bar land in it. `return_to` gets focus back when the bar closes.
        """
        self._closing = False
        self.draft = draft
        self.return_to = return_to
        self._tz = tz
        self._show_prompt(draft, "")
        self.input.value = draft.default
        self.input.placeholder = NOTE_PLACEHOLDER
        self.input.can_focus = True
        self.add_class("open")
        self.screen.set_focus(self.input)
        if draft.default:
            self.input.select_all()  # typing replaces the default; End or an arrow keeps it

    @property
    def closing(self) -> bool:
        """Saved, and closing once the saved entry is on screen (see `close_after_save`)."""
        return self._closing

    def close_after_save(self) -> None:
        """Enter: the bar stops taking the draft now and closes after the next frame.

        Closing restyles the bar and moves focus, which costs more than drawing the note itself;
        done first, the note would wait for it. The screen calls `close` once the saved entry is
        drawn, and a key typed before that closes the bar first (ScribeApp.on_event), so keys still
        land where they would have.
        """
        self.draft = None
        self._closing = True

    def finish_closing(self) -> None:
        """After the saved entry's frame; nothing when a key already closed the bar or opened it again."""
        if self._closing:
            self.close()

    def close(self) -> None:
        self._closing = False
        self.draft = None
        self.input.value = ""
        self._show_closed()
        target, self.return_to = self.return_to, None
        if target is not None and target.is_attached and target.focusable:
            self.screen.set_focus(target)
        else:
            self.screen.set_focus(None)
            self.screen.focus_next()

    def _text(self) -> str:
        """The input's value as Enter sends it: pasted lines split again."""
        return "\n".join(part.strip() for part in self.input.value.split(LINE_MARK.strip()))

    def _show_prompt(self, draft: Draft, text: str) -> None:
        """The time the entry will get (reversed when the text back-dates it), or how many events a
        pasted list makes and from when."""
        entries: list[tuple[datetime, str]] = []
        if self.preview is not None and text.strip():
            try:
                entries = self.preview(draft, text)
            except ScribeError:
                entries = []  # refused on Enter, with the reason
        label = "note" if draft.is_note else KIND_LABELS.get(draft.kind, draft.kind)
        if len(entries) > 1:
            first = min(time for time, _ in entries)
            prompt = Text.assemble((f"{len(entries)} notes", "bold"), f" from {hms(first, self._tz)[:5]} ›")
            if prompt.cell_len > PROMPT_CELLS:
                prompt = Text.assemble((f"{len(entries)} notes", "bold"), " ›")
        else:
            time = entries[0][0] if entries else draft.time
            style = "bold" if time == draft.time else "bold reverse"
            prompt = Text.assemble((hms(time, self._tz), style), f" {label} ›")
        if prompt != self._prompt_shown:
            self._prompt_shown = prompt
            self.query_one("#entry-prompt", Label).update(prompt, layout=False)

    @on(Input.Changed, "#entry-input")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        if self.draft is not None and self.is_open:
            self._show_prompt(self.draft, self._text())

    @on(Input.Submitted, "#entry-input")
    def submit(self, event: Input.Submitted) -> None:
        event.stop()
        self.save()

    def save(self) -> bool:
        """Enter: send the text up (pasted lines split again) and close; False when it was refused
        and stays in the bar."""
        draft = self.draft
        if draft is not None and self.is_open:
            text = self._text()
            problem = self.refusal(text) if self.refusal is not None else None
            if problem is not None:
                self.notify(problem, severity="error", timeout=8, markup=False)
                return False
            # Straight to the screen, the way the milestone keys go, so requests keep key order.
            self.screen.post_message(SaveEntry(draft, text))
            self.close_after_save()
            return True
        self.close()
        return True

    def action_cancel(self) -> None:
        draft = self.draft
        if draft is not None and draft.is_note and self.input.value.strip():
            self.held = (draft, self.input.value)
        self.close()
