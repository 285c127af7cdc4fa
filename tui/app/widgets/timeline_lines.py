"""How the timeline's lines are drawn: each row's Strip, cached by what it shows, and which lines of
the screen a change really touches.

The Timeline (timeline.py) owns the rows, the cursor and the scrolling; this draws them. Two things
keep a note quick on a long timeline: a row is rendered once and cached by its content (an edit
redraws its own line, an appended row only itself), and after a change only the screen lines
whose content differs from what was last drawn are asked for again. Textual writes every line a
repaint covers to the terminal, so repainting the whole widget for one new row would send every
visible row again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.cache import LRUCache
from textual.strip import Strip

from tui.app.display import AUTHOR_WIDTH, KIND_LABELS, LABEL_WIDTH, event_symbol, hms, printable
from tui.app.widgets.empty_timeline import starter_lines
from tui.core.postmortem.format import command_outcome
from tui.core.session.model import Event

if TYPE_CHECKING:
    from tui.app.widgets.timeline import Row, Timeline

# Wider than any terminal row: what a row renders of an event's text (a note may hold 1 MB).
ROW_CHARS = 2000

LineKey = tuple[object, ...]


class TimelineLines:
    """The timeline's drawing: `line(y)` for Textual, `repaint_changed()` after the rows moved on."""

    def __init__(self, timeline: Timeline) -> None:
        self.timeline = timeline
        self._cache: LRUCache[LineKey, Strip] = LRUCache(maxsize=1024)
        self._starters: list[Text] | None = None  # the empty timeline's hint, made when first drawn
        self._styles: tuple[object, ...] = ()
        self._styles_checked = False
        # What each screen line showed when last drawn, and from which scroll position.
        self._drawn: dict[int, LineKey] = {}
        self._drawn_top: int | None = None

    def __len__(self) -> int:
        return len(self._cache)

    @property
    def cache_size(self) -> int:
        return self._cache.maxsize

    def forget(self) -> None:
        """Every row looks different now (another zone, a second writer named on each row)."""
        self._cache.clear()

    def style_changed(self) -> None:
        self._styles_checked = False  # compared at the next draw, when component styles are known

    def _check_styles(self) -> None:
        timeline = self.timeline
        styles = (
            timeline.rich_style,
            *(
                timeline.get_component_rich_style(name)
                for name in sorted(timeline.COMPONENT_CLASSES)
                if name != "timeline--cursor"
            ),
        )
        if styles != self._styles:
            self._styles = styles
            self._cache.clear()
        self._styles_checked = True

    # -- which lines ------------------------------------------------------------------------------

    def _key(self, index: int, width: int) -> LineKey:
        """What the line showing row `index` shows, as a cache key (by content, not position)."""
        timeline = self.timeline
        rows = timeline.rows
        if not rows:
            return ("starter", index, width)
        if not 0 <= index < len(rows):
            return ("blank", width)
        row = rows[index]
        content = (
            (row.id, row.time, row.kind, row.text, row.edited, row.run and row.run.kept)
            if isinstance(row, Event)
            else row
        )
        selected = index == timeline.cursor
        return (content, width, selected and (True, timeline.has_focus), timeline.named_authors)

    def repaint_changed(self) -> None:
        """Ask Textual for the lines whose content changed since they were drawn; all of them when
        the view scrolled (every line moved) or nothing was drawn yet."""
        timeline = self.timeline
        top = int(timeline.scroll_offset.y)
        if top != self._drawn_top or not self._drawn:
            timeline.refresh()
            return
        width = timeline.content_width
        drawn = self._drawn
        for y in range(timeline.size.height):
            index = top + y
            if drawn.get(y) != self._key(index, width):
                timeline.refresh_lines(index)

    # -- drawing ----------------------------------------------------------------------------------

    def line(self, y: int) -> Strip:
        timeline = self.timeline
        top = int(timeline.scroll_offset.y)
        if top != self._drawn_top:
            self._drawn = {}
            self._drawn_top = top
        index = top + y
        width = timeline.content_width
        key = self._key(index, width)
        self._drawn[y] = key
        rows = timeline.rows
        if not rows:
            return self._starter_line(y, width)
        if not 0 <= index < len(rows):
            return Strip.blank(width, timeline.rich_style)
        if not self._styles_checked:
            self._check_styles()
        strip = self._cache.get(key)
        if strip is None:
            strip = self._render_row(rows[index], width, selected=index == timeline.cursor)
            self._cache[key] = strip
        return strip

    def _starter_line(self, y: int, width: int) -> Strip:
        """An empty timeline names the keys that start it (see empty_timeline)."""
        timeline = self.timeline
        if self._starters is None:
            self._starters = starter_lines(timeline.screen)
        if not 0 <= y < len(self._starters):
            return Strip.blank(width, timeline.rich_style)
        text = self._starters[y].copy()
        text.truncate(width, overflow="ellipsis", pad=True)
        return Strip(text.render(timeline.app.console), width).apply_style(timeline.rich_style)

    def _render_row(self, row: Row, width: int, *, selected: bool) -> Strip:
        timeline = self.timeline
        if isinstance(row, Event):
            text = self.event_text(row)
        else:
            text = Text(
                f"── {row.strftime('%a %d %b %Y')} ({timeline.zone_name}) ──",
                end="",
                style=timeline.get_component_rich_style("timeline--day"),
            )
        text.truncate(width, overflow="ellipsis", pad=True)
        if selected:
            text.stylize_before(timeline.get_component_rich_style("timeline--cursor"))
        return Strip(text.render(timeline.app.console), width).apply_style(timeline.rich_style)

    def event_text(self, event: Event) -> Text:
        timeline = self.timeline
        style = timeline.get_component_rich_style
        kind = event.kind if event.kind in KIND_LABELS else "note"
        kind_style = style(f"timeline--{kind}")
        text = Text(no_wrap=True, end="")
        text.append(hms(event.time, timeline.tz), style("timeline--time"))
        text.append(" ")
        text.append(f"{event_symbol(kind, event.text)} {KIND_LABELS[kind]:<{LABEL_WIDTH}}", kind_style)
        text.append(" ")
        if event.author and timeline.named_authors:
            text.append(f"{printable(event.author)[:AUTHOR_WIDTH]:<{AUTHOR_WIDTH}} ", style("timeline--time"))
        text.append(printable(event.text[:ROW_CHARS]))  # a row shows one line's worth, never the whole text
        run = event.run
        if run is not None:
            text.append(f"  {command_outcome(run.status, run.duration_ms)}", kind_style)
            if run.kept:
                text.append("  ★ kept", style("timeline--kept"))
        if event.edited:
            text.append(" (edited)", style("timeline--edited"))
        return text
