"""Scribe, the incident scribe for the terminal."""
