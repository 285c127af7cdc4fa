"""Session to document: the Markdown format, drafted prose, the phase diagram, the JSON document, redaction, writing files."""
