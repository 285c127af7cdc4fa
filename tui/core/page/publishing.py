"""Publishing a session's page: a new link recorded as the digest of its token."""

from __future__ import annotations

from tui.core.page.links import digest, new_token, page_url
from tui.core.session import operations as ops
from tui.core.session.recorder import Recorder


def publish(recorder: Recorder, public_url: str) -> str:
    """A new link to the session's page; its token exists only in the returned URL (shown once)."""
    token = new_token()
    recorder.record(ops.publish_op(recorder.now(), digest(token)))
    return page_url(public_url, token)
