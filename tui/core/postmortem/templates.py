"""Postmortem templates: the shipped ones, the user's own ($SCRIBE_HOME/templates/*.md.j2), and
rendering one in Jinja2's sandbox.

A template is a text file from whoever wrote it, so it may never read a file or run code: it is
compiled alone (its loader knows no other file, so `include`, `import` and `extends` find
nothing), rendered in a SandboxedEnvironment (no `__class__`, no `mro`, no unsafe call), and an
unknown name fails rather than printing nothing. Every failure is one line naming the file and the
line. Jinja2 is imported here only, on the first export, never when the app starts.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from tui.core.errors import ScribeError
from tui.core.paths import PACKAGE_DIR, scribe_home

SUFFIX = ".md.j2"
DEFAULT = "jwt-pizza"
SHIPPED_DIR = PACKAGE_DIR / "templates"
MAX_BYTES = 256 * 1024
"""A template longer than this is not a template: refused before it is read whole."""


class TemplateError(ScribeError):
    """A template cannot be found, read, compiled or rendered; the message names the file and line."""


@dataclass(frozen=True)
class Template:
    """A template's name, where it comes from ("shipped", "yours" or "file") and its path."""

    name: str
    origin: str
    path: Path

    @property
    def shipped(self) -> bool:
        return self.origin == "shipped"


def user_templates_dir() -> Path:
    return scribe_home() / "templates"


def _listed(folder: Path, origin: str) -> list[Template]:
    try:
        paths = sorted(folder.glob(f"*{SUFFIX}"))
    except OSError:
        return []
    return [Template(path.name[: -len(SUFFIX)], origin, path) for path in paths if path.is_file()]


def available() -> list[Template]:
    """Every template by name: the user's own first, as one of theirs with a shipped name wins."""
    yours = _listed(user_templates_dir(), "yours")
    names = {template.name for template in yours}
    return yours + [t for t in _listed(SHIPPED_DIR, "shipped") if t.name not in names]


def find(name_or_path: str) -> Template:
    """A template by name (the user's own, else a shipped one) or by the path of its file."""
    if "/" in name_or_path or name_or_path.endswith(".j2"):
        path = Path(name_or_path).expanduser()
        return Template(path.name.removesuffix(SUFFIX).removesuffix(".j2"), "file", path)
    for template in available():
        if template.name == name_or_path:
            return template
    names = ", ".join(template.name for template in available())
    raise TemplateError(f"no template named {name_or_path!r} (choose from {names}, or give a file's path)")


def read_source(template: Template) -> str:
    try:
        with template.path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise TemplateError(f"{template.path}: cannot read the template: {exc.strerror or exc}") from None
    if len(data) > MAX_BYTES:
        raise TemplateError(f"{template.path}: a template may be at most {MAX_BYTES // 1024} KB")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise TemplateError(f"{template.path}: the template is not UTF-8 text") from None


@cache
def _environment() -> Any:
    from jinja2 import DictLoader, StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    # An empty loader: `include`, `import` and `extends` name files it never has.
    return SandboxedEnvironment(
        loader=DictLoader({}),
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def compile_template(template: Template, source: str) -> Any:
    """The compiled template; TemplateError naming the line of a syntax error."""
    from jinja2 import TemplateSyntaxError

    environment = _environment()
    try:
        code = environment.compile(source, name=template.name, filename=str(template.path))
    except TemplateSyntaxError as exc:
        raise TemplateError(f"{template.path}:{exc.lineno}: {exc.message}") from None
    return environment.template_class.from_code(environment, code, environment.make_globals(None))


@cache
def _compiled_shipped(path: Path) -> Any:
    template = Template(path.name[: -len(SUFFIX)], "shipped", path)
    return compile_template(template, read_source(template))


def render(template: Template, values: dict[str, Any]) -> str:
    """The template rendered over `values`; TemplateError (one line: file, line, problem) when it
    fails, including when it reaches for what the sandbox forbids."""
    compiled = (
        _compiled_shipped(template.path) if template.shipped else compile_template(template, read_source(template))
    )
    from jinja2 import TemplateNotFound

    try:
        return str(compiled.render(values))
    except Exception as exc:  # a template's mistake of any kind is the template's one-line problem
        line = _template_line(exc, str(template.path))
        where = f"{template.path}:{line}" if line else str(template.path)
        if isinstance(exc, TemplateNotFound):
            problem = f"cannot use {exc.name!r}: a template may not include, import or extend another file"
        else:
            problem = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise TemplateError(f"{where}: {problem}") from None


def _template_line(exc: BaseException, filename: str) -> int | None:
    """The template's line in the traceback Jinja2 rewrites to point into the template."""
    line = None
    trace = exc.__traceback__ or sys.exc_info()[2]
    while trace is not None:
        if trace.tb_frame.f_code.co_filename == filename:
            line = trace.tb_lineno
        trace = trace.tb_next
    return line
