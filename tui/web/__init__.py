"""`scribe serve`: the HTTP side of Scribe (aiohttp). Handlers stay thin: reading a payload and
writing it into a session is the core's (tui.core.alerts)."""
