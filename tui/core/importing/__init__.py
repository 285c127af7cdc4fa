"""A postmortem people wrote, read back: sections, dates, declared zones, timeline lines, and the session."""
