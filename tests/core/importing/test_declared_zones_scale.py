"""Zone declarations on hostile lines: every zone token is still seen, in linear time."""

from __future__ import annotations

from tui.core.importing.declared_zones import pick_zone, read_declaration, zone_tokens


def test_a_line_of_many_zone_names_is_read():
    # 80 KB of "UTC+": the pairwise overlap check took 37 s here.
    line = "All times are " + "UTC+" * 20_000
    tokens = zone_tokens(line)
    assert len(tokens) == 20_000 and all(token == "UTC" for _, token, _ in tokens)
    declaration = read_declaration(line, 2025)
    assert declaration is not None and declaration.zone is not None and declaration.zone.name == "UTC"


def test_an_offset_beside_a_name_still_corrects_it_on_a_long_line():
    zone, note = pick_zone("All times are MST/UTC-6 " + "UTC+1 " * 10_000)
    assert zone is not None and zone.name == "UTC-6" and note is not None


def test_overlapping_tokens_keep_the_first_pattern():
    assert [token for _, token, _ in zone_tokens("at 10:26 UTC-7 or MST")] == ["UTC-7", "MST"]
