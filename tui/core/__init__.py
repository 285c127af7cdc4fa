"""Pure-Python core of Scribe: no Textual import anywhere in this package (a test enforces it)."""
