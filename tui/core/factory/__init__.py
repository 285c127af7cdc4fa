"""The pizza factory's failing response: reading it for the report URL, following that URL, and recording both."""
