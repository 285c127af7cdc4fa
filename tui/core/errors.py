"""The one exception a user can cause: the CLI prints its message on one line and exits with its code."""


class ScribeError(Exception):
    """A problem with the user's input or files, worded for the user."""

    exit_code = 2


class NotASessionError(ScribeError):
    """The file is readable but holds no Scribe session."""


class NewerFormatError(ScribeError):
    """The file was written by a newer Scribe; reading it could lose what we do not understand."""
