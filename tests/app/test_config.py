"""config.toml: read with tomllib, written with tomli-w, unknown keys kept, broken files one line."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from tui.core.config import Config, ConfigError, load_config, update_config


def test_missing_config_means_defaults(scribe_home: Path) -> None:
    assert load_config() == Config()


def test_round_trip_keeps_keys_it_does_not_know(scribe_home: Path) -> None:
    scribe_home.mkdir()
    (scribe_home / "config.toml").write_text(
        'author = "kgreen"\nfuture_setting = 3\n\n[keys]\nnote = "n, ctrl+n"\n\n[plugins]\nx = [1, 2]\n',
        encoding="utf-8",
    )
    update_config({"theme": "scribe-light"})
    written = tomllib.loads((scribe_home / "config.toml").read_text(encoding="utf-8"))
    assert written == {
        "author": "kgreen",
        "future_setting": 3,
        "keys": {"note": "n, ctrl+n"},
        "plugins": {"x": [1, 2]},
        "theme": "scribe-light",
    }
    config = load_config()
    assert config == Config(theme="scribe-light", keys={"note": "n,ctrl+n"}, author="kgreen")


def test_update_creates_the_file_and_folder(scribe_home: Path) -> None:
    update_config({"theme": "scribe-high-contrast"})
    assert load_config().theme == "scribe-high-contrast"
    assert not list(scribe_home.glob("*.tmp"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("theme = \n", "not valid TOML"),
        ("theme = 3\n", "theme must be a name in quotes"),
        ("author = ['a']\n", "author must be a name in quotes"),
        ("keys = 'n'\n", "keys must be a table"),
        ("[keys]\nnote = 5\n", "[keys] note must be keys in quotes"),
        ("[keys]\nnote = ' , '\n", "[keys] note must be keys in quotes"),
    ],
)
def test_broken_config_is_one_line_naming_the_file(scribe_home: Path, text: str, expected: str) -> None:
    scribe_home.mkdir()
    path = scribe_home / "config.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config()
    message = str(caught.value)
    assert expected in message and str(path) in message and "\n" not in message
    assert caught.value.exit_code == 2


def test_broken_config_is_never_overwritten(scribe_home: Path) -> None:
    scribe_home.mkdir()
    path = scribe_home / "config.toml"
    path.write_text("theme = 'scribe-light\n", encoding="utf-8")
    with pytest.raises(ConfigError):
        update_config({"theme": "scribe-dark"})
    assert path.read_text(encoding="utf-8") == "theme = 'scribe-light\n"


def test_a_value_of_the_wrong_shape_is_refused_before_writing(scribe_home: Path) -> None:
    with pytest.raises(ConfigError):
        update_config({"theme": 7})
    assert not (scribe_home / "config.toml").exists()


def test_cli_refuses_a_broken_config_before_any_screen(
    scribe_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tui.cli.entry import main
    from tui.core.clock.source import FakeClock
    from tui.core.session import journal
    from tui.core.session.operations import create_op

    session = tmp_path / "incident.jsonl"
    journal.create(session, create_op(FakeClock().now(), title="Pizza purchases failing"))
    scribe_home.mkdir()
    (scribe_home / "config.toml").write_text("[keys\nnote = 'n'\n", encoding="utf-8")
    assert main(["open", str(session)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("scribe: ") and "config.toml: not valid TOML" in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_author_comes_from_config_unless_the_environment_says(
    scribe_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.core.config import current_author

    update_config({"author": "kgreen"})
    assert current_author() == "tester"  # $SCRIBE_AUTHOR, set for every test, comes first
    monkeypatch.delenv("SCRIBE_AUTHOR")
    assert current_author() == "kgreen"


def test_saving_the_theme_keeps_the_users_comments(scribe_home: Path) -> None:
    scribe_home.mkdir()
    path = scribe_home / "config.toml"
    path.write_text(
        '# my settings\ntheme = "scribe-dark"  # the default\nauthor = "kgreen"\n\n'
        '[keys]\n# ids are on the ? screen\nnote = "w"\n',
        encoding="utf-8",
    )
    update_config({"theme": "scribe-light"})
    assert path.read_text(encoding="utf-8") == (
        '# my settings\ntheme = "scribe-light"\nauthor = "kgreen"\n\n[keys]\n# ids are on the ? screen\nnote = "w"\n'
    )
    path.write_text('[keys]\nnote = "w"\n', encoding="utf-8")
    update_config({"theme": "scribe-dark"})
    assert path.read_text(encoding="utf-8") == 'theme = "scribe-dark"\n[keys]\nnote = "w"\n'
    assert load_config() == Config(theme="scribe-dark", keys={"note": "w"})


def test_dotted_binding_ids_may_be_written_bare(scribe_home: Path) -> None:
    scribe_home.mkdir()
    (scribe_home / "config.toml").write_text('[keys]\nmilestone.detected = "D"\n"event.edit" = "E"\n', encoding="utf-8")
    assert load_config().keys == {"milestone.detected": "D", "event.edit": "E"}


def test_a_new_setting_goes_after_the_others_above_the_tables(scribe_home: Path) -> None:
    scribe_home.mkdir()
    path = scribe_home / "config.toml"
    path.write_text('# mine\nauthor = "kgreen"\n\n[keys]\nnote = "w"\n', encoding="utf-8")
    update_config({"theme": "scribe-light"})
    assert path.read_text(encoding="utf-8") == (
        '# mine\nauthor = "kgreen"\ntheme = "scribe-light"\n\n[keys]\nnote = "w"\n'
    )


def test_a_symlinked_config_is_written_through_to_its_target(scribe_home: Path, tmp_path: Path) -> None:
    dotfiles = tmp_path / "dotfiles"
    dotfiles.mkdir()
    target = dotfiles / "scribe.toml"
    target.write_text('# mine\nauthor = "kgreen"\n', encoding="utf-8")
    target.chmod(0o640)
    scribe_home.mkdir()
    link = scribe_home / "config.toml"
    link.symlink_to(target)
    update_config({"theme": "scribe-light"})
    assert link.is_symlink() and link.resolve() == target
    assert target.read_text(encoding="utf-8") == '# mine\nauthor = "kgreen"\ntheme = "scribe-light"\n'
    assert target.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in dotfiles.iterdir()) == ["scribe.toml"]  # no scratch file left
