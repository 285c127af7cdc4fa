"""The timeline: every live event in time order, one line each, drawn lazily so 10,000 stay quick."""

from __future__ import annotations

from datetime import date, tzinfo
from pathlib import Path

from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.app.display import first_day_needed
from tui.app.widgets.timeline_lines import ROW_CHARS, TimelineLines
from tui.core.session.model import EVENT_KINDS, Event, Session

Row = Event | date  # an event, or the day that starts before it (where the day changes)

__all__ = ["ROW_CHARS", "Row", "Timeline"]

# The newest row scrolls the view by this share of its height (see Timeline._make_room).
SCROLL_STEP_SHARE = 4


class Timeline(ScrollView, can_focus=True):
    """Lines are rendered on demand by `render_line` and kept in an LRU cache keyed by what they show
    (see TimelineLines, which draws them and repaints only the lines a change touched).

    A new newest event appends a row (the common case while capturing, and it must stay quick with
    10,000 events); a removal, retime or insertion earlier in the list rebuilds the rows. The cache
    is keyed by each row's content, so an edit redraws only its own line and nothing has to clear it.

    The cursor (the selected event) follows the newest event while it sits on the last line and
    the view shows the end; once the reader moves up or scrolls back, new events no longer pull
    the view away from what they are reading.
    """

    DEFAULT_CSS = (Path(__file__).with_suffix(".tcss")).read_text()
    COMPONENT_CLASSES = {
        "timeline--cursor",
        "timeline--time",
        "timeline--day",
        "timeline--edited",
        "timeline--kept",
        *(f"timeline--{kind}" for kind in EVENT_KINDS),
    }
    # Priority: handled as the app reads the key, so "up x" typed fast deletes the event moved to.
    BINDINGS = [
        Binding(
            "up,k", "cursor(-1)", "Up", show=False, priority=True, id="timeline.up", tooltip="Select the event above"
        ),
        Binding(
            "down,j",
            "cursor(1)",
            "Down",
            show=False,
            priority=True,
            id="timeline.down",
            tooltip="Select the event below",
        ),
        Binding(
            "pageup",
            "page(-1)",
            "Page up",
            show=False,
            priority=True,
            id="timeline.page_up",
            tooltip="Select a page of events up",
        ),
        Binding(
            "pagedown",
            "page(1)",
            "Page down",
            show=False,
            priority=True,
            id="timeline.page_down",
            tooltip="Select a page of events down",
        ),
        Binding(
            "home", "first", "First", show=False, priority=True, id="timeline.first", tooltip="Select the first event"
        ),
        Binding(
            "end",
            "last",
            "Newest",
            show=False,
            priority=True,
            id="timeline.last",
            tooltip="Select the newest event and follow new ones",
        ),
        # The screen decides what Enter on the timeline does: the live screen opens a note (its own
        # Enter binding runs the same action first), the replay has no such action and ignores it.
        Binding(
            "enter",
            "screen.note_from_timeline",
            "Note",
            show=False,
            priority=True,
            id="timeline.note",
            tooltip="Write a note, timed now",
        ),
    ]

    class Selected(Message):
        """The selected event changed (or its text did); `cut` when its line ends in an ellipsis."""

        def __init__(self, event: Event | None, cut: bool) -> None:
            super().__init__()
            self.event = event
            self.cut = cut

    def __init__(self, session: Session, **kwargs) -> None:
        super().__init__(**kwargs)
        self.session = session
        self.rows: list[Row] = []
        self.cursor = -1  # index into rows; always an event row, or -1 when there are none
        self._announced: tuple[str, str, int] | None = None
        self.lines = TimelineLines(self)
        self._zone_name = ""
        self._zone_text: str | None = None  # the session's zone as written, when the rows were built
        self._tz: tzinfo = session.zone_info.tz  # the zone the rows were built in
        # What the rows were built from, to tell an append of newer events from any other change.
        self._shown_count = 0
        self._shown_last: Event | None = None
        self._shown_reorders = -1
        self._shown_session: Session | None = None
        self._last_day: date | None = None
        self.commands_shown = True
        self._authors: set[str] = set()  # who wrote the rows: named on each row once there are two
        self._room = 0  # rows the view reaches to, past the last: where the next notes are written

    def show_commands(self, shown: bool) -> None:
        """Show or hide the shell's `command` events (rebuilds the rows)."""
        self.commands_shown = shown
        self._shown_session = None  # the rows are rebuilt from the session
        self.session_changed(follow=self.following)

    # -- model ------------------------------------------------------------------------------------

    def on_mount(self) -> None:
        self.session_changed(follow=True)

    def session_changed(self, *, follow: bool | None = None) -> None:
        """Rebuild the rows from the session; keep the selection unless following the newest."""
        if follow is None:
            follow = self.following
        selected = self.selected_event
        appended = self._append_rows()
        if not appended:
            self._rows_from_session()
            self._room = 0  # rebuilt (opened, a removal, a replay seeking back): the end sits at the bottom
        self._resize_rows(self._rows_size())
        if follow or selected is None or not self.select_event(selected.id, scroll=False):
            self.cursor = self._last_event_row()
        if self.scrollable_content_region.height:
            # Laid out already: scroll in this frame, so an appended note shows in the frame that
            # draws it rather than one frame later.
            self._scroll_to_cursor(step=appended)
        # After layout too, when the height is known; it reads the cursor then, so a key pressed
        # meanwhile (Home) wins over this change.
        self.call_after_refresh(self._scroll_to_cursor)
        self.lines.repaint_changed()
        self._announce_selection()

    def _rows_size(self) -> Size:
        """The rows' virtual size: one line each, and the room kept under the newest."""
        return Size(self.content_width, max(len(self.rows), self._room))

    def _resize_rows(self, size: Size) -> None:
        """A new virtual size; laid out again only when the scrollbar comes or goes.

        Setting `virtual_size` lays the whole screen out; a note that only lengthens a timeline
        already taller than its window (or one still shorter) needs the new rows and the
        scrollbar's thumb redrawn, nothing moved.
        """
        old, height = self.virtual_size, self.size.height
        same_bars = (old.height > height and size.height > height) or (
            old.height < self.container_size.height and size.height < self.container_size.height
        )
        if not height or old.width != size.width or not same_bars:
            self.virtual_size = size
            return
        self.set_reactive(Timeline.virtual_size, size)
        if self.show_vertical_scrollbar:
            self.vertical_scrollbar.window_virtual_size = size.height

    def _rows_from_session(self) -> None:
        zone = self.session.zone_info
        if zone.name != self._zone_name:
            self.lines.forget()  # times and day lines read in another zone
        self._zone_name, self._tz, self._zone_text = zone.name, zone.tz, self.session.zone
        self.rows = []
        self._authors = set()
        self._last_day = None
        if first_day_needed(self.session, self._tz):
            self._last_day = self.session.events[0].time.astimezone(self._tz).date()
            self.rows.append(self._last_day)
        self._add_rows(self.session.events)

    def _append_rows(self) -> bool:
        """Add rows for events appended after those shown; False when anything else changed."""
        session, count = self.session, self._shown_count
        events = session.events
        if (
            session is not self._shown_session
            or session.reorders != self._shown_reorders
            or session.zone != self._zone_text
            or len(events) < count
            or (count and events[count - 1] is not self._shown_last)
            # the first day change puts a date above the first row as well: rebuild
            or (bool(self.rows) and not isinstance(self.rows[0], date) and first_day_needed(session, self._tz))
        ):
            return False
        if len(events) > count:
            self._add_rows(events[count:])
        return True

    def _add_rows(self, events: list[Event]) -> None:
        rows, tz, previous = self.rows, self._tz, self._last_day
        shown = self.commands_shown
        authors, alone = self._authors, len(self._authors) < 2
        for event in events:
            if event.author:
                authors.add(event.author)
            if not shown and event.run is not None:
                continue
            day = event.time.astimezone(tz).date()
            if previous is not None and day != previous:
                rows.append(day)
            previous = day
            rows.append(event)
        self._last_day = previous
        if alone and len(authors) > 1:
            self.lines.forget()  # a second writer: every row now names its author
        session = self.session
        self._shown_count = len(session.events)
        self._shown_last = session.events[-1] if session.events else None
        self._shown_reorders = session.reorders
        self._shown_session = session  # replay hands down a new session when it seeks back

    @property
    def following(self) -> bool:
        """On the newest event with the end in view (or nothing to show yet)."""
        last = self._last_event_row()
        at_end = self.scroll_offset.y >= self.max_scroll_y - 1
        return self.cursor < 0 or (self.cursor == last and at_end)

    @property
    def selected_event(self) -> Event | None:
        if 0 <= self.cursor < len(self.rows):
            row = self.rows[self.cursor]
            return row if isinstance(row, Event) else None
        return None

    def select_event(self, event_id: str, *, scroll: bool = True) -> bool:
        for index in range(len(self.rows) - 1, -1, -1):
            row = self.rows[index]
            if isinstance(row, Event) and row.id == event_id:
                self._move_to(index, scroll=scroll)
                return True
        return False

    def _last_event_row(self) -> int:
        for index in range(len(self.rows) - 1, -1, -1):
            if isinstance(self.rows[index], Event):
                return index
        return -1

    # -- moving -----------------------------------------------------------------------------------

    def _move_to(self, index: int, *, scroll: bool = True) -> None:
        if not self.rows:
            self.cursor = -1
            return
        index = max(0, min(index, len(self.rows) - 1))
        if not isinstance(self.rows[index], Event):  # a day line: step onto the event after it
            index = index + 1 if index + 1 < len(self.rows) else index - 1
        self.cursor = index
        if scroll:
            self._scroll_to_cursor()
        self.lines.repaint_changed()
        self._announce_selection()

    def _announce_selection(self) -> None:
        event = self.selected_event
        shown = (event.id, event.text, self.content_width) if event else None
        if shown != self._announced:
            self._announced = shown
            cut = event is not None and (
                len(event.text) > ROW_CHARS or self.lines.event_text(event).cell_len > self.content_width
            )
            self.post_message(self.Selected(event, cut))

    def _scroll_to_cursor(self, *, step: bool = False) -> None:
        height = self.scrollable_content_region.height or 1
        top = int(self.scroll_offset.y)
        if self.cursor >= 0 and self.cursor == self._last_event_row():
            if step and self.cursor >= top + height:
                self._make_room(height)
            self.scroll_end(animate=False, immediate=True)
        elif self.cursor < top:
            self.scroll_to(y=max(0, self.cursor - 1), animate=False, immediate=True)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False, immediate=True)

    def _make_room(self, height: int) -> None:
        """A newest row past the bottom: scroll a quarter of the view, leaving room under it.

        As vim's 'scrolljump' does for slow terminals: a scroll redraws, and sends, every visible
        row, while a row written into the room sends only itself. So three notes in four cost one
        line, not a screenful, which also counts over a slow SSH link in the middle of an incident.
        """
        self._room = self.cursor + max(1, height // SCROLL_STEP_SHARE)
        self._resize_rows(self._rows_size())

    def action_cursor(self, step: int) -> None:
        index = self.cursor + step
        if 0 <= index < len(self.rows) and not isinstance(self.rows[index], Event):
            index += step
        if 0 <= index < len(self.rows):
            self._move_to(index)

    def action_page(self, direction: int) -> None:
        height = max(1, self.scrollable_content_region.height - 1)
        self._move_to(self.cursor + direction * height)

    def action_first(self) -> None:
        self._move_to(0)

    def action_last(self) -> None:
        self._move_to(self._last_event_row())

    def on_click(self, event: events.Click) -> None:
        index = int(self.scroll_offset.y) + event.y
        if 0 <= index < len(self.rows) and isinstance(self.rows[index], Event):
            self._move_to(index)

    # -- drawing ----------------------------------------------------------------------------------

    @property
    def content_width(self) -> int:
        """The cells a row has: the width less the border, padding and scrollbar."""
        return max(1, self.scrollable_content_region.width)

    @property
    def named_authors(self) -> bool:
        """Once a second person writes to the session, every row names who wrote it."""
        return len(self._authors) > 1

    @property
    def zone_name(self) -> str:
        return self._zone_name

    @property
    def tz(self) -> tzinfo:
        """The zone the rows were built in."""
        return self._tz

    def on_resize(self, event: events.Resize) -> None:
        # The room under the newest row outlives a resize (the detail line under the timeline comes
        # and goes with the selection) while it is no more than a step of the new height; more,
        # and the newest row could end up above the view.
        step = max(1, self.scrollable_content_region.height // SCROLL_STEP_SHARE)
        if self._room - len(self.rows) > step:
            self._room = 0
        self.virtual_size = self._rows_size()
        self.call_after_refresh(self._scroll_to_cursor)
        self._announce_selection()

    def notify_style_update(self) -> None:
        """Focus changes only the cursor's colours (its key says whether focused); anything else
        that changed a style (a theme) clears the cache."""
        super().notify_style_update()
        self.lines.style_changed()

    def render_line(self, y: int) -> Strip:
        return self.lines.line(y)
