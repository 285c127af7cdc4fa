"""Folding the stakeholder page's operations: links published and revoked, and status updates."""

from __future__ import annotations

import pytest

from tui.core.page.links import digest
from tui.core.session import operations as ops
from tui.core.session.fold import Fold, OperationError


def _fold(clock, *more):
    fold = Fold()
    fold.apply(ops.create_op(clock.now(), title="t", zone="GMT"))
    for op in more:
        fold.apply(op)
    return fold.session


def test_publish_keeps_only_digests_and_unpublish_revokes_every_link(clock):
    first, second = digest("a" * 32), digest("b" * 32)
    t = clock.now()
    session = _fold(clock, ops.publish_op(t, first), ops.publish_op(t, second), ops.publish_op(t, first))
    assert session.page_links == [first, second]
    session = _fold(clock, ops.publish_op(t, first), ops.unpublish_op(t), ops.publish_op(t, second))
    assert session.page_links == [second]


@pytest.mark.parametrize("bad", ["not-hex", "A" * 64, 7, None, "0" * 63])
def test_a_publish_without_a_sha256_is_malformed(clock, bad):
    op = ops.make_op("page.publish", clock.now(), digest=bad)
    with pytest.raises(OperationError, match="malformed 'page.publish'"):
        _fold(clock, op)


def test_an_update_is_an_event_with_its_status(clock):
    op = ops.add_update_op(clock.now(), text="We found the cause.", status="identified", author="kgreen")
    [event] = _fold(clock, op).events
    assert (event.kind, event.status, event.text, event.author) == (
        "update",
        "identified",
        "We found the cause.",
        "kgreen",
    )


def test_an_update_with_an_unknown_status_is_malformed_and_one_without_is_kept(clock):
    bad = ops.add_update_op(clock.now(), text="x", status="identified")
    bad["event"]["status"] = "fixed-probably"
    with pytest.raises(OperationError, match="malformed"):
        _fold(clock, bad)
    plain = ops.add_event_op(clock.now(), time=clock.now(), kind="update", text="no status given")
    assert _fold(clock, plain).events[0].status == ""
    with pytest.raises(ValueError, match="not a status"):
        ops.add_update_op(clock.now(), text="x", status="fixed")
