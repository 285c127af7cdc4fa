"""A postmortem people wrote, read back: its sections, dates, declared zones and timeline lines, and the session made from it."""
