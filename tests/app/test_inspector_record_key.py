"""The inspector offers Ctrl+S Record only while there is something not yet on the timeline."""

from __future__ import annotations

from textual import events
from textual.widgets import TextArea

from tui.app.screens.inspector import InspectorScreen

PASTED = (
    "HTTP/1.1 500 Internal Server Error\n\n"
    '{"message": "chaos monkey", "reportUrl": '
    '"https://pizza-factory.cs329.click/api/support/a1b2c3d4e5f60718293a4b5c6d7e8f90/report/u0cdt5qk"}\n'
)


def record_key(screen) -> bool | None:
    """True offered, False greyed out, None not in the footer at all."""
    for _node, binding, enabled, _tooltip in screen.active_bindings.values():
        if binding.action == "record":
            return enabled
    return None


async def test_record_is_hidden_once_the_inspection_is_on_the_timeline(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p")
        screen = app.screen
        assert isinstance(screen, InspectorScreen)
        assert record_key(screen) is False  # nothing pasted yet: greyed out
        app.post_message(events.Paste(PASTED))  # a paste is recorded at once
        await pilot.pause()
        assert record_key(screen) is None
        screen.query_one(TextArea).insert(" typed after")  # a changed text is not on the timeline yet
        await pilot.pause()
        await pilot.pause()
        assert record_key(screen) is True
