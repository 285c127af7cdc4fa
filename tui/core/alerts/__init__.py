"""Alerts in: what Grafana, Alertmanager and Grafana OnCall send, read into notices, and the
notices written into a session. One module per payload format; no HTTP here."""
