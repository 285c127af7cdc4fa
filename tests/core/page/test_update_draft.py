"""The composer's first draft: the start, what is failing, for whom, the status, the next update."""

from __future__ import annotations

from datetime import timedelta

from tui.core.page.draft import draft_update
from tui.core.session import operations as ops
from tui.core.session.fold import Fold


def test_the_draft_says_since_when_what_for_whom_and_when_next(clock):
    fold = Fold()
    fold.apply(ops.create_op(clock.now(), title="Pizza purchases failing", zone="GMT"))
    fold.apply(ops.set_field_op(clock.now(), "impact.users_affected", "all 3 current users"))
    session = fold.session
    now = clock.now() + timedelta(minutes=1)
    assert draft_update(session, now, "identified", 30) == (
        "Since 10:24 GMT pizza purchases failing for all 3 current users. "
        "We have found the cause and are working on a fix. Next update by 10:55 GMT."
    )
    assert draft_update(session, now, "resolved").endswith("The incident is resolved.")
    assert "We are investigating" in draft_update(session, now)  # nothing said yet: investigating
