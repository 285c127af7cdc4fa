"""The stakeholder page: its links (tokens kept only as hashes) and what it shows of a session."""
