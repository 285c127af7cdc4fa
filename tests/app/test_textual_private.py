"""Each private Textual name Scribe relies on (tui/app/textual_private.py) still does what is relied on.

A failure here after moving the Textual pin names the use that broke; fix it in textual_private
(and only there) before moving the pin. One test per use, on a tiny app rather than Scribe's own,
so the failure is about Textual and nothing else.
"""

from __future__ import annotations

import ast
from pathlib import Path

from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingsMap
from textual.geometry import Size
from textual.reactive import Reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, Input, TextArea

import tui.app
from tui.app import textual_private
from tui.app.screens.main import MainScreen
from tui.app.widgets.entry_bar import EntryInput


class Chain(Widget, can_focus=True):
    BINDINGS = [
        Binding("x", "mark('widget')", "X", id="chain.x"),
        Binding("y", "mark('widget-priority')", "Y", id="chain.y", priority=True),
    ]

    def action_mark(self, name: str) -> None:
        self.app.marks.append(name)  # type: ignore[attr-defined]


class ChainApp(App[None]):
    BINDINGS = [Binding("z", "mark('app-priority')", "Z", id="app.z", priority=True)]

    def __init__(self) -> None:
        super().__init__()
        self.marks: list[str] = []

    def compose(self) -> ComposeResult:
        yield Chain()
        yield Input(id="input")
        yield TextArea(id="area")

    def action_mark(self, name: str) -> None:
        self.marks.append(name)


async def test_run_key_bindings_runs_priority_keys_from_the_app_and_others_from_the_focused_widget() -> None:
    app = ChainApp()
    async with app.run_test() as pilot:
        app.set_focus(app.query_one(Chain))
        await pilot.pause()
        assert await textual_private.run_key_bindings(app, "z", priority=True) is True
        assert await textual_private.run_key_bindings(app, "y", priority=True) is True
        assert await textual_private.run_key_bindings(app, "x", priority=True) is False  # not a priority key
        assert await textual_private.run_key_bindings(app, "x") is True
        assert await textual_private.run_key_bindings(app, "q") is False
        assert app.marks == ["app-priority", "widget-priority", "widget"]


async def test_type_into_input_puts_the_character_in_at_once() -> None:
    app = ChainApp()
    async with app.run_test():
        entry = app.query_one("#input", Input)
        entry.focus()
        await textual_private.type_into_input(entry, events.Key("a", "a"))
        await textual_private.type_into_input(entry, events.Key("b", "b"))
        assert entry.value == "ab"  # no pause: the value is there before the next key is routed


async def test_paste_into_text_area_inserts_the_text_unless_read_only() -> None:
    app = ChainApp()
    async with app.run_test():
        area = app.query_one("#area", TextArea)
        await textual_private.paste_into_text_area(area, events.Paste("line one\nline two"))
        assert area.text == "line one\nline two"
        area.read_only = True
        await textual_private.paste_into_text_area(area, events.Paste(" more"))
        assert area.text == "line one\nline two"


async def test_takes_typing_knows_a_text_area_by_the_module_textual_defines_it_in() -> None:
    # If TextArea moved, takes_typing would say False for it: a key would act while text is typed.
    assert TextArea.__module__ == textual_private.TEXT_AREA_MODULE
    app = ChainApp()
    async with app.run_test():
        assert textual_private.takes_typing(app.query_one("#area", TextArea))
        assert textual_private.takes_typing(app.query_one(Input))
        assert not textual_private.takes_typing(app.query_one(Chain))
        assert not textual_private.takes_typing(None)


class Base(Widget):
    BINDINGS = [Binding("a", "first", "A", id="base.a"), Binding("b", "second", "B", id="base.b")]


class Derived(Base):
    BINDINGS = [Binding("b", "other", "B", id="derived.b"), Binding("c", "third", "C", id="derived.c")]


def test_declared_bindings_merges_a_class_and_its_bases_without_an_instance() -> None:
    bindings = textual_private.declared_bindings(Derived)
    assert isinstance(bindings, BindingsMap)
    assert [(key, binding.id) for key, binding in bindings] == [("a", "base.a"), ("b", "derived.b"), ("c", "derived.c")]


async def test_node_bindings_are_each_nodes_own_whether_focused_or_not() -> None:
    app = ChainApp()
    async with app.run_test() as pilot:
        app.set_focus(app.query_one("#input", Input))
        await pilot.pause()
        chain = app.query_one(Chain)  # not focused, so not in active_bindings
        assert {binding.id for _key, binding in textual_private.node_bindings(chain)} == {"chain.x", "chain.y"}
        assert "app.z" in {binding.id for _key, binding in textual_private.node_bindings(app)}


async def test_keymap_is_the_one_set_with_key_names_normalised() -> None:
    app = ChainApp()
    assert textual_private.keymap(app) == {}
    async with app.run_test():
        app.set_keymap({"chain.x": "?,w"})
        keymap = textual_private.keymap(app)
        assert keymap == {"chain.x": "question_mark,w"}
        bindings = textual_private.node_bindings(app.query_one(Chain)).copy()
        bindings.apply_keymap(keymap)  # what the help does with it
        assert {key for key, binding in bindings if binding.id == "chain.x"} == {"question_mark", "w"}


class Repaints(Screen[None]):
    def compose(self) -> ComposeResult:
        yield Button("one", id="one")
        yield Button("two", id="two")


class QuietRepaints(Repaints):
    focused: Reactive[Widget | None] = textual_private.focus_without_repaint()


class ScreenApp(App[None]):
    def __init__(self, screen: Screen[None]) -> None:
        super().__init__()
        self.first = screen

    def on_mount(self) -> None:
        self.push_screen(self.first)


async def _screen_repaints_on_focus(screen: Repaints) -> tuple[bool, Widget | None]:
    app = ScreenApp(screen)
    async with app.run_test() as pilot:
        await pilot.pause()
        screen.set_focus(screen.query_one("#one", Button))
        await pilot.pause()
        calls: list[dict[str, object]] = []
        refresh = screen.refresh

        def counting(*args, **kwargs):
            calls.append(kwargs)
            return refresh(*args, **kwargs)

        screen.refresh = counting  # type: ignore[method-assign]
        target = screen.query_one("#two", Button)
        screen.set_focus(target)
        return any(call.get("repaint") for call in calls), screen.focused


async def test_focus_without_repaint_still_moves_focus_but_no_longer_repaints_the_screen() -> None:
    assert isinstance(Screen.__dict__["focused"], Reactive)  # the attribute the override replaces
    repainted, focused = await _screen_repaints_on_focus(Repaints())
    assert repainted and focused is not None and focused.id == "two"  # Textual's own: a repaint per move
    repainted, focused = await _screen_repaints_on_focus(QuietRepaints())
    assert not repainted and focused is not None and focused.id == "two"
    assert MainScreen.__dict__["focused"].__class__ is Reactive


class PlainInput(Input):
    pass


class QuietInput(Input):
    virtual_size: Reactive[Size] = textual_private.virtual_size_without_layout()


class InputApp(App[None]):
    def __init__(self, field: Input) -> None:
        super().__init__()
        self.field = field

    def compose(self) -> ComposeResult:
        yield self.field


async def _input_lays_out_on_typing(field: Input) -> tuple[bool, Size]:
    app = InputApp(field)
    async with app.run_test() as pilot:
        field.focus()
        await pilot.pause()
        calls: list[dict[str, object]] = []
        refresh = field.refresh

        def counting(*args, **kwargs):
            calls.append(kwargs)
            return refresh(*args, **kwargs)

        field.refresh = counting  # type: ignore[method-assign]
        await pilot.press(*"typed")
        return any(call.get("layout") for call in calls), field.virtual_size


async def test_virtual_size_without_layout_keeps_the_size_but_no_longer_lays_out() -> None:
    assert isinstance(Widget.__dict__["virtual_size"], Reactive)  # the attribute the override replaces
    laid_out, size = await _input_lays_out_on_typing(PlainInput())
    assert laid_out and size.width >= len("typed")  # Textual's own: a layout per typed character
    laid_out, size = await _input_lays_out_on_typing(QuietInput())
    assert not laid_out and size.width >= len("typed")
    assert EntryInput.__dict__["virtual_size"].__class__ is Reactive


def test_no_other_module_of_the_app_uses_a_private_textual_name() -> None:
    """The fence holds: private Textual names are reached only through textual_private."""
    fenced = {"_check_bindings", "_on_key", "_on_paste", "_merge_bindings", "_bindings", "_keymap"}
    root = Path(tui.app.__file__).parent
    found = []
    for path in root.rglob("*.py"):
        if path.name == "textual_private.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            name = node.attr if isinstance(node, ast.Attribute) else getattr(node, "name", None)
            if name in fenced:
                found.append(f"{path.relative_to(root)}:{node.lineno} {name}")
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Reactive":
                found.append(f"{path.relative_to(root)}:{node.lineno} Reactive(...) override")
    assert found == []
