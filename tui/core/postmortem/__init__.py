"""Session to document: the format, drafted prose, the phase diagram, the JSON document, redaction, files."""
