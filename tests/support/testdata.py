"""Where the tests' data lives: all of it inside the repository, so a fresh clone runs every test."""

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data"
CORPUS = DATA / "corpus"  # real postmortems with their expected timelines (SOURCES.tsv says where from)
SEEDS = DATA / "seeds"  # the team's own five postmortems
SAMPLES = REPO / "sample_sessions"
