"""Scribe's benchmark suite: the app in a pseudo-terminal beside a minimal Textual app, and the core."""
