"""The app's dialogs: modal screens over the one underneath that answer with a value (or a request).

A dialog never records anything: it dismisses with what was picked or typed, and the app (or the
screen that opened it) turns that into a Recorder call. Full screens live in tui.app.screens.
"""
