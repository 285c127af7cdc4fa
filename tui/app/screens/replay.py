"""The replay screen: a saved session played back on the live screen's widgets, read-only, sped up or stepped."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, ProgressBar, Static

from tui.app import messages as msg
from tui.app.display import KIND_LABELS, KIND_SYMBOLS, hms, printable
from tui.app.widgets.phase_chart import PhaseChart
from tui.app.widgets.session_view import SessionView
from tui.core.clock.anchor import Anchor
from tui.core.clock.source import Clock
from tui.core.metrics import format_duration
from tui.core.replay import Player
from tui.core.session.model import IMPACT_FIELDS, MILESTONE_KINDS, MILESTONE_LABELS, PROSE_FIELDS, Session

TICK_SECONDS = 0.1  # how often the replay reads the monotonic clock; the position never counts ticks


class ReplayClock:
    """The live widgets' Clock, answered from the replay: `now` is the incident moment on screen.

    The monotonic side is the replay position, so the live clock's "elapsed since start" (anchored at
    the replay's origin, see `clock_anchor`) comes out as incident time too.
    """

    def __init__(self, player: Player) -> None:
        self.player = player

    def now(self) -> datetime:
        return self.player.now

    def monotonic(self) -> float:
        return self.player.position

    @property
    def clock_anchor(self) -> Anchor:
        return Anchor(self.player.origin, 0.0)


def _field_label(path: str) -> str:
    group, _, name = path.partition(".")
    if group == "fields":
        return PROSE_FIELDS.get(name, name)
    if group == "impact":
        return IMPACT_FIELDS.get(name, name)
    return path.capitalize()


def describe_op(op: dict[str, Any], session: Session) -> str:
    """One line saying what an operation changed, for changes the live screen does not draw itself."""
    name = op.get("op")
    if name == "create":
        return f"session opened: {op['session'].get('title') or 'untitled'}"
    if name == "event.add":
        kind = op["event"].get("kind", "note")
        kind = kind if kind in KIND_LABELS else "note"
        return f"{KIND_SYMBOLS[kind]} {KIND_LABELS[kind]}: {op['event'].get('text', '')}"
    if name == "event.edit":
        return f"✎ event edited: {op['text']}" if "text" in op else "✎ event time corrected"
    if name in ("event.delete", "event.restore"):
        return "✗ event deleted" if name == "event.delete" else "↺ event brought back"
    if name == "check.set":
        item = session.checklist_item(op.get("item_id", ""))
        text = item.text if item else op.get("item_id", "")
        return f"{'✓ ticked' if op.get('checked') else '☐ unticked'}: {text}"
    if name == "field.set":
        value = str(op.get("value", "")).strip().splitlines()
        return f"✎ {_field_label(op.get('field', ''))}: {value[0] if value else '(cleared)'}"
    if name == "runbook.set":
        return f"☰ runbook: {op.get('runbook', '')} ({len(op.get('checklist') or ())} steps)"
    if name == "action.add":
        item = op.get("item", {})
        owner = f" ({item['owner']})" if item.get("owner") else ""
        return f"+ action item: {item.get('text', '')}{owner}"
    if name in ("action.edit", "action.delete"):
        return "✎ action item changed" if name == "action.edit" else "✗ action item removed"
    return str(name)


def _milestone_binding(number: int) -> Binding:
    label = MILESTONE_LABELS[MILESTONE_KINDS[number - 1]]
    return Binding(
        str(number),
        f"milestone({number})",
        label,
        id=f"replay.milestone.{number}",
        show=False,
        priority=True,
        tooltip=f"Jump to the moment '{label}' was stamped",
    )


class ReplayScreen(Screen):
    """Keys steer the Player; a timer advances it from the clock; the widgets are handed its Session.

    Nothing here records: messages the live widgets send to ask for a change are stopped on the way up,
    so a replay pushed over the live screen cannot write to the session it shows.
    """

    DEFAULT_CSS = Path(__file__).with_suffix(".tcss").read_text()
    AUTO_FOCUS = "Timeline"
    HELP_GROUP = "Replay"
    BINDINGS = [
        Binding(
            "space",
            "play_pause",
            "Pause/play",
            id="replay.toggle",
            priority=True,
            tooltip="Pause or resume; at the end, play again from the start",
        ),
        Binding(
            "plus,equals_sign",
            "faster",
            "Faster",
            key_display="+",
            id="replay.faster",
            priority=True,
            tooltip="Play faster (up to 600x)",
        ),
        Binding(
            "minus",
            "slower",
            "Slower",
            key_display="-",
            id="replay.slower",
            priority=True,
            tooltip="Play slower (down to 1x, real time)",
        ),
        Binding("right", "step(1)", "Next", id="replay.next", priority=True, tooltip="Pause and show the next change"),
        Binding("left", "step(-1)", "Back", id="replay.back", priority=True, tooltip="Pause and go back one change"),
        Binding(
            "home",
            "home",
            "Start",
            id="replay.start",
            show=False,
            priority=True,
            tooltip="Back to the start of the incident",
        ),
        Binding(
            "end",
            "end",
            "End",
            id="replay.end",
            show=False,
            priority=True,
            tooltip="Jump to the end: everything recorded",
        ),
        *(_milestone_binding(number) for number in range(1, 6)),
        Binding(
            "p",
            "phases",
            "Phases",
            id="replay.phases",
            priority=True,
            tooltip="Show or hide the chart of the incident's phases",
        ),
        Binding(
            "escape,q",
            "close",
            "Close",
            id="replay.close",
            tooltip="Leave the replay; the session file was never touched",
        ),
    ]

    def __init__(
        self, ops: list[dict[str, Any]], clock: Clock, *, speed: int = 60, skip_idle: bool = True, name_shown: str = ""
    ) -> None:
        super().__init__()
        self.player = Player(ops, speed=speed, skip_idle=skip_idle)
        self.clock = clock
        self.name_shown = name_shown
        self.replay_clock = ReplayClock(self.player)
        whole = Player(ops, speed=speed)
        whole.end()
        self.whole = whole.session  # the phase chart is of the whole incident, wherever the replay is
        self._shown: tuple[int, int] | None = None  # (applied, id of session) last handed to widgets
        self._chart_for_end = False  # the chart opened itself at the end; it closes itself on leaving it

    @property
    def session(self) -> Session:
        return self.player.session

    def compose(self) -> ComposeResult:
        session = self.session
        yield Static(self._title(), id="masthead")
        yield SessionView(session, self.replay_clock, self.replay_clock.clock_anchor, read_only=True)
        yield PhaseChart(self.whole)
        yield Static(id="replay-change")
        with Horizontal(id="replay-bar"):
            yield Static(id="replay-state")
            yield ProgressBar(total=100, show_eta=False, id="replay-progress")
            yield Static(id="replay-skip")
        yield Footer()

    @property
    def view(self) -> SessionView:
        return self.query_one(SessionView)

    def on_mount(self) -> None:
        self.query_one(PhaseChart).display = False
        self.player.tick(self.clock.monotonic())
        self.show()
        self.set_interval(TICK_SECONDS, self.advance)

    # -- the clock drives the player ---------------------------------------------------------------

    def advance(self) -> None:
        """Move the replay on by the real time since the last tick, times the speed."""
        was_playing = self.player.playing
        self.player.tick(self.clock.monotonic())
        if was_playing:
            self.show()

    def show(self) -> None:
        """Hand the player's session to the widgets (when it changed) and redraw the replay's own lines."""
        player = self.player
        session = player.session
        shown = (player.applied, id(session))
        if shown != self._shown:
            self._shown = shown
            self._session_changed(session)
        self.view.incident_clock.tick()
        self.query_one("#replay-state", Static).update(self._state())
        self.query_one(ProgressBar).update(progress=100 * player.progress)  # a one-moment session: 100% at once
        self.query_one("#replay-skip", Static).update(self._skip_mark())
        chart = self.query_one(PhaseChart)
        if player.finished and not self._chart_for_end:
            self._chart_for_end = True
            chart.display = True
        elif not player.finished and self._chart_for_end:
            self._chart_for_end = False
            chart.display = False

    def _session_changed(self, session: Session) -> None:
        self.query_one("#masthead", Static).update(self._title())
        self.view.show_session(session)
        self.query_one("#replay-change", Static).update(self._last_change())

    # -- what the replay's own lines say ---------------------------------------------------------

    def _title(self) -> Text:
        session = self.session
        title = Text.assemble(
            (" REPLAY ", "reverse bold"), "  ", (printable(session.title) or "Untitled incident", "bold")
        )
        if session.severity:
            title.append("  ")
            title.append(f" {session.severity} ", style="reverse bold")
        if self.name_shown:
            title.append(f"  {printable(self.name_shown)}", style="dim")
        return title

    def _state(self) -> Text:
        player = self.player
        if player.finished:
            state = "■ end"
        else:
            state = "▶ playing" if player.playing else "⏸ paused"
        zone = self.session.zone_info
        return Text.assemble(
            (state, "bold"),
            "  ",
            (f"{player.speed}x", "bold"),
            "  ",
            f"{hms(player.now, zone.tz)} {zone.name}  ",
            (f"{player.applied}/{len(player.steps)}", "dim"),
            " ",
        )

    def _skip_mark(self) -> Text:
        """The latest idle stretch shortened before the current position, if any."""
        passed = [(where, length) for where, length in self.player.skipped if where <= self.player.position]
        if not passed:
            return Text("")
        where, length = passed[-1]
        at = hms(self.player.origin + timedelta(seconds=where), self.session.zone_info.tz)[:5]
        return Text(f" ⏩ skipped {format_duration(timedelta(seconds=length))} idle at {at}", style="bold")

    def _last_change(self) -> Text:
        player = self.player
        if not player.applied:
            return Text("")
        step = player.steps[player.applied - 1]
        line = Text.assemble(("last change ", "dim"), (hms(step.at, self.session.zone_info.tz), "bold"), "  ")
        line.append(printable(describe_op(step.op, self.session)))
        line.truncate(max(10, self.size.width - 2), overflow="ellipsis")
        return line

    # -- keys ---------------------------------------------------------------------------------------

    def _steer(self, move) -> None:
        """Count the time up to this key at the old setting first, then change the setting."""
        self.player.tick(self.clock.monotonic())
        move()
        self.show()

    def action_play_pause(self) -> None:
        self._steer(self.player.toggle)

    def action_faster(self) -> None:
        self._steer(self.player.faster)

    def action_slower(self) -> None:
        self._steer(self.player.slower)

    def action_step(self, direction: int) -> None:
        self._steer(self.player.step_forward if direction > 0 else self.player.step_back)

    def action_home(self) -> None:
        self._steer(self.player.home)

    def action_end(self) -> None:
        self._steer(self.player.end)

    def action_milestone(self, number: int) -> None:
        found: list[bool] = []
        self._steer(lambda: found.append(self.player.jump_to_milestone(number)))
        if not found[0]:
            label = MILESTONE_LABELS[MILESTONE_KINDS[number - 1]]
            self.notify(f"'{label}' was never stamped in this session.", severity="warning", timeout=3)

    def action_phases(self) -> None:
        chart = self.query_one(PhaseChart)
        chart.display = not chart.display

    def action_close(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()
        else:
            self.app.exit()

    # -- read-only ----------------------------------------------------------------------------------

    @on(msg.ToggleCheck)
    def _refuse_changes(self, message: msg.ToggleCheck) -> None:
        message.stop()
