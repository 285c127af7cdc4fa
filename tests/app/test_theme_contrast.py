"""Every shipped theme meets WCAG AA as drawn: 4.5:1 for text, 3:1 for borders.

Measured on what the widgets really paint under each theme file (the colours Textual resolved from
the theme's variables through each widget's CSS), not on a list of pairs that could drift from it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.color import Color as RichColor
from textual import events
from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import Checkbox

from tui.app.app import ScribeApp
from tui.app.themes import load_themes
from tui.core.clock.source import FakeClock
from tui.core.config import Config
from tui.core.paths import shipped_dir
from tui.core.session.recorder import Recorder

TEXT_MINIMUM = 4.5
BORDER_MINIMUM = 3.0
BOX_DRAWING = range(0x2500, 0x2580)
# Block elements (the half blocks of Textual's `tall` borders) shade a control's own face: the
# face is its background, so they are neither text nor a frame.
BLOCK_ELEMENTS = range(0x2580, 0x25A0)
SHIPPED_THEMES = sorted(theme.name for theme in load_themes([shipped_dir("themes")])[0])
PASTED = '{"message": "Failed to fulfill order at factory", "reportUrl": "http://localhost:1/report/abc"}'


def luminance(color: RichColor) -> float:
    def channel(value: int) -> float:
        value_1 = value / 255
        return value_1 / 12.92 if value_1 <= 0.03928 else ((value_1 + 0.055) / 1.055) ** 2.4

    red, green, blue = color.get_truecolor()
    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def contrast(one: RichColor, other: RichColor) -> float:
    lighter, darker = sorted((luminance(one), luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def too_faint(widget: Widget) -> list[str]:
    """Each distinct (text, colour, background) the widget paints below its minimum."""
    found: list[str] = []
    size = widget.outer_size
    for line in widget.render_lines(Region(0, 0, size.width, size.height)):
        for segment in line:
            style, text = segment.style, segment.text.strip()
            # Dim is how a key that does not work here is shown: disabled controls are exempt.
            if not text or style is None or style.dim or style.color is None or style.bgcolor is None:
                continue
            if all(ord(char) in BLOCK_ELEMENTS for char in text):
                continue
            if isinstance(widget, Checkbox) and not widget.value and text == widget.BUTTON_INNER:
                continue  # an unticked box draws its mark in the box's own colour: blank, on purpose
            border = all(ord(char) in BOX_DRAWING for char in text)
            minimum = BORDER_MINIMUM if border else TEXT_MINIMUM
            ratio = contrast(style.color, style.bgcolor)
            if ratio < minimum:
                found.append(
                    f"{type(widget).__name__} {text[:24]!r}: {style.color.name} on {style.bgcolor.name}"
                    f" is {ratio:.2f}:1 (needs {minimum}:1)"
                )
    return found


def screen_too_faint(app: ScribeApp) -> set[str]:
    return {
        problem
        for widget in app.screen.walk_children(with_self=True)
        # A key greyed out because it does nothing here is an inactive control: exempt, as in WCAG.
        if widget.display and widget.region and not widget.has_class("-disabled")
        for problem in too_faint(widget)
    }


def test_the_shipped_themes_are_the_three_known() -> None:
    assert SHIPPED_THEMES == ["scribe-dark", "scribe-high-contrast", "scribe-light"]


@pytest.mark.parametrize("theme", SHIPPED_THEMES)
async def test_every_shipped_theme_meets_wcag_aa_as_drawn(
    theme: str, session_path: Path, fake_clock: FakeClock
) -> None:
    recorder = Recorder(session_path, clock=fake_clock, author="tester")
    recorder.add_event("Factory answers 500 to every order")
    recorder.add_event("Grafana alert fired", kind="detected")
    recorder.toggle_check(recorder.session.checklist[0].id)
    recorder.add_action("Alert on the factory's error rate", "kgreen")
    app = ScribeApp(session_path, clock=fake_clock, author="tester", config=Config(theme=theme))
    problems: set[str] = set()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        problems |= screen_too_faint(app)  # the timeline focused, the checklist not, the entry closed
        await pilot.press("c")
        await pilot.pause()
        problems |= screen_too_faint(app)  # the checklist focused
        await pilot.press("escape", "n")
        await pilot.pause()
        problems |= screen_too_faint(app)  # the entry open, its placeholder on the open bar
        await pilot.press("escape", "f")
        await pilot.pause()
        problems |= screen_too_faint(app)  # the fields form, placeholders and the action item
        await pilot.press("escape", "p")
        await pilot.pause()
        app.post_message(events.Paste(PASTED))
        await pilot.pause()
        problems |= screen_too_faint(app)  # the inspector with a response pasted
    assert not problems, "\n".join(sorted(problems))
