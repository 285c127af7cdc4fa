"""Postmortem templates: each shipped one's sections in its order, the default unchanged, the
user's own found, and a template that reaches for files or code stopped with one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.cli.entry import main
from tui.core.postmortem import templates
from tui.core.postmortem.format import SECTIONS
from tui.core.postmortem.markdown import render_postmortem
from tui.core.session import journal

SAMPLE = Path(__file__).parents[3] / "sample_sessions" / "2025-04-08-pizza-factory-chaos.jsonl"
EXPECTED = {
    "jwt-pizza": [f"## {heading}" for _, heading in SECTIONS],
    "google-sre": [
        "## Summary",
        "## Impact",
        "## Root Causes",
        "## Trigger",
        "## Resolution",
        "## Detection",
        "## Action Items",
        "### Prevention",
        "## Lessons Learned",
        "## Timeline",
        "## Supporting information",
        "### Response",
    ],
    "pagerduty": [
        "## Overview",
        "## What Happened",
        "### Detection",
        "## Contributing Factors",
        "## Resolution",
        "## Impact",
        "## Responders",
        "## Timeline",
        "## How'd We Do?",
        "## Action Items",
        "### Prevention",
        "## Messaging",
    ],
    "atlassian": [
        "## Incident summary",
        "## Leadup",
        "## Fault",
        "## Impact",
        "## Detection",
        "## Response",
        "## Recovery",
        "## Timeline",
        "## Five whys",
        "## Root cause",
        "## Backlog check",
        "## Recurrence",
        "## Lessons learned",
        "## Corrective actions",
        "### Prevention",
    ],
}


@pytest.fixture(scope="module")
def session():
    return journal.load(SAMPLE).session


def headings(markdown: str) -> list[str]:
    inside_fence = False
    found = []
    for line in markdown.split("\n"):
        inside_fence ^= line.startswith("```")
        if not inside_fence and line.startswith("##"):
            found.append(line)
    return found


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_shipped_template_writes_its_sections_in_its_order(session, name):
    markdown = render_postmortem(session, template=name)
    assert markdown.startswith("# Incident: 2025-04-08 10-24-00\n")
    assert headings(markdown) == EXPECTED[name]
    assert "- _10:24_ - " in markdown  # the timeline, whichever the template
    assert markdown.endswith("\n") and not markdown.endswith("\n\n")


def test_the_default_is_jwt_pizza_and_every_shipped_template_is_listed(session):
    assert render_postmortem(session) == render_postmortem(session, template="jwt-pizza")
    assert {t.name: t.origin for t in templates.available()} == dict.fromkeys(EXPECTED, "shipped")


def write(home: Path, name: str, source: str) -> Path:
    folder = home / "templates"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.md.j2"
    path.write_text(source, encoding="utf-8")
    return path


def test_a_users_template_is_found_by_name_and_wins_over_a_shipped_one(scribe_home, session):
    write(scribe_home, "ours", "{{ title_line }}\n\n## What broke\n\n{{ prose.root_cause }}\n")
    write(scribe_home, "pagerduty", "{{ session.title }} / {{ session.severity }}\n")
    assert render_postmortem(session, template="ours").split("\n")[2] == "## What broke"
    assert render_postmortem(session, template="pagerduty") == f"{session.title} / {session.severity}\n"
    origins = {t.name: t.origin for t in templates.available()}
    assert origins["ours"] == origins["pagerduty"] == "yours" and origins["atlassian"] == "shipped"


def test_a_template_given_by_path_and_the_documented_lists(tmp_path, session):
    path = tmp_path / "lists.md.j2"
    path.write_text(
        "{% for m in milestones %}{{ m.kind }} {{ m.time }}\n{% endfor %}"
        "{% for e in events[:1] %}{{ e.date }} {{ e.time }} {{ e.text }}\n{% endfor %}"
        "{{ durations.impact_duration.label }}: {{ durations.impact_duration.text }}\n"
        "{{ action_items | length }} {{ status_updates | length }} {{ todo('x') }}\n",
        encoding="utf-8",
    )
    lines = render_postmortem(session, template=str(path)).split("\n")
    assert lines[0].startswith("impact_started 2025-04-08 10:24")
    assert any(line.startswith("2025-04-08 10:24:") for line in lines)
    assert "Impact duration: 20m" in lines
    assert f"{len(session.action_items)} 0 [TODO: x]" in lines


def test_a_users_template_cannot_leak_a_secret_or_a_control_character(tmp_path, session):
    path = tmp_path / "raw.md.j2"
    path.write_text('{{ "\\x1b[2J" }}{% for e in events %}{{ e.text }}\n{% endfor %}', encoding="utf-8")
    markdown = render_postmortem(session, template=str(path))
    assert "\x1b" not in markdown
    raw = render_postmortem(session, template=str(path), redacted=False)
    secrets = [e.text for e in session.events if "report/" in e.text]
    assert secrets and all(text in raw for text in secrets)
    assert not any(text in markdown for text in secrets)


ESCAPES = [
    ("{{ ''.__class__ }}", 1, "access to attribute '__class__' of 'str' object is unsafe"),
    ("ok\n{{ ''.__class__.__mro__[1].__subclasses__() }}", 2, "unsafe"),
    ("{{ todo.__globals__ }}", 1, "unsafe"),
    ("{{ session.__init__ }}", 1, "unsafe"),
    ("a\n\n{% include '/etc/passwd' %}", 3, "may not include, import or extend"),
    ("{% import 'macros.j2' as m %}", 1, "may not include, import or extend"),
    ("{% extends 'jwt-pizza.md.j2' %}", 1, "may not include, import or extend"),
    ('{{ "{0.__class__}".format(1) }}', 1, "unsafe"),
    ("a\n{% for x in %}", 2, "Expected an expression"),
    ("{{ no_such_variable }}", 1, "'no_such_variable' is undefined"),
]


@pytest.mark.parametrize(("source", "line", "problem"), ESCAPES)
def test_a_template_that_reaches_for_files_or_code_fails_with_one_line(tmp_path, session, source, line, problem):
    path = tmp_path / "bad.md.j2"
    path.write_text(source, encoding="utf-8")
    with pytest.raises(templates.TemplateError) as raised:
        render_postmortem(session, template=str(path))
    message = str(raised.value)
    assert "\n" not in message
    assert message.startswith(f"{path}:{line}: ") and problem in message


def test_the_command_line_lists_exports_with_and_refuses_templates(scribe_home, capsys):
    assert main(["templates"]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert ["*", "jwt-pizza", "shipped"] in [row.split()[:3] for row in listed]
    assert main(["export", str(SAMPLE), "--template", "google-sre"]) == 0
    assert "## Root Causes\n" in capsys.readouterr().out
    bad = write(scribe_home, "bad", "{{ ''.__class__ }}")
    assert main(["export", str(SAMPLE), "--template", "bad"]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.count("\n") == 1 and f"{bad}:1:" in captured.err
    assert main(["export", str(SAMPLE), "--template", "nosuch"]) == 2
    assert "no template named 'nosuch'" in capsys.readouterr().err


def test_config_picks_the_default_template(scribe_home, capsys):
    scribe_home.mkdir(exist_ok=True)
    (scribe_home / "config.toml").write_text('[export]\ntemplate = "atlassian"\n', encoding="utf-8")
    assert main(["export", str(SAMPLE)]) == 0
    assert "## Five whys\n" in capsys.readouterr().out
    assert main(["templates"]) == 0
    assert any(row.split()[:2] == ["*", "atlassian"] for row in capsys.readouterr().out.splitlines())
    (scribe_home / "config.toml").write_text("[export]\ntemplate = 3\n", encoding="utf-8")
    assert main(["export", str(SAMPLE)]) == 2
    assert "[export] template must be" in capsys.readouterr().err
