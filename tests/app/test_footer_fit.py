"""The footer fits the width: the most needed keys whole, in one order at every width, then "? more"."""

from __future__ import annotations

import pytest

from tui.app.widgets.key_footer import KeyFooter


def shown_labels(footer: KeyFooter) -> list[str]:
    line = footer.render().plain
    return [line[start:end].strip() for start, end, _key in footer._spans]


@pytest.mark.parametrize(
    ("width", "expected"),
    [
        (
            160,
            ["n Note", "d Detected", "a Acked", "m Mitigated", "r Resolved", "c Checklist", "p Inspect"]
            + ["s Severity", "f Fields", "q Quit", "U Update", "? Keys", "^p palette"],
        ),
        (
            120,
            ["n Note", "d Detected", "a Acked", "m Mitigated", "r Resolved", "c Checklist", "p Inspect"]
            + ["s Severity", "? more", "^p palette"],
        ),
        (80, ["n Note", "d Detected", "a Acked", "m Mitigated", "r Resolved", "? more", "^p palette"]),
        (50, ["n Note", "d Detected", "a Acked", "? more", "^p palette"]),
    ],
)
async def test_footer_shows_whole_keys_by_priority_then_more(make_app, width, expected):
    app = make_app()
    async with app.run_test(size=(width, 24)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(KeyFooter)
        assert shown_labels(footer) == expected
        line = footer.render().plain
        assert len(line) == width  # the palette key sits at the right edge, nothing beyond it
        # Every drawn key is whole: its span holds exactly " key description ".
        for start, end, key in footer._spans:
            assert line[start:end] in (f" {key.display} {key.description} ", f" {key.display} more ")


async def test_more_opens_the_help(make_app):
    from tui.app.dialogs.help import HelpScreen

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(KeyFooter)
        more_x = next(start for start, _end, key in footer._spans if key.binding_id == "view.help")
        await pilot.click(KeyFooter, offset=(more_x + 1, 0))
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
