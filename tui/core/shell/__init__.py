"""The responder's shell on the timeline: hook snippets, the spool they append to, its ingestion."""
