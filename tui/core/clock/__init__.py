"""Time: the one clock (wall and monotonic), the steady stamp clock, the app's anchor, zones, typed times."""
