"""The main screen's widgets: they render the Session handed down and post requests up."""
