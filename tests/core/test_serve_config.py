"""`[serve]` in config.toml: the hook token, the zone and runbooks of sessions an alert opens,
and a generated token kept without losing a line of the user's file."""

from __future__ import annotations

import stat
import tomllib

import pytest

from tui.core.config import ConfigError, load_config, store_hook_token


def test_serve_settings_are_read(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text(
        '[serve]\nhook_token = "t0k"\nzone = "America/Denver"\ntimestamp_header = "X-Grafana-Alerting-Timestamp"\n'
        '[serve.runbooks]\nalertname."Pizza Purchase Alert" = "pizza-factory-chaos"\n'
    )
    serve = load_config(path).serve
    assert (serve.hook_token, serve.zone, serve.timestamp_header) == (
        "t0k",
        "America/Denver",
        "X-Grafana-Alerting-Timestamp",
    )
    assert serve.runbooks == {"alertname": {"Pizza Purchase Alert": "pizza-factory-chaos"}}
    assert "t0k" not in repr(serve)  # a settings dump never shows the secret


@pytest.mark.parametrize(
    "text",
    ["serve = 1\n", "[serve]\nhook_token = 5\n", "[serve]\nrunbooks = 1\n", '[serve.runbooks]\nalertname = "x"\n'],
)
def test_a_wrong_serve_setting_is_one_line(tmp_path, text):
    path = tmp_path / "config.toml"
    path.write_text(text)
    with pytest.raises(ConfigError) as refused:
        load_config(path)
    assert "serve" in str(refused.value) and "\n" not in str(refused.value)


def test_a_stored_token_keeps_the_file_and_makes_it_private(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('# my settings\ntheme = "scribe-light"\n\n[serve]\n# where alerts open sessions\nzone = "UTC"\n')
    path.chmod(0o644)
    store_hook_token("generated-token", path)
    text = path.read_text()
    assert text.startswith("# my settings\n") and "# where alerts open sessions" in text
    assert tomllib.loads(text)["serve"] == {"hook_token": "generated-token", "zone": "UTC"}
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_token_is_stored_in_a_new_file(tmp_path):
    path = tmp_path / "config.toml"
    store_hook_token("t", path)
    assert load_config(path).serve.hook_token == "t"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
