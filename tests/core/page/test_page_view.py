"""What the stakeholder page shows of a session: status, milestones, the latest update, redaction."""

from __future__ import annotations

from datetime import timedelta

from tui.core.page.links import TOKEN_SHAPE, digest, matches, new_token, page_url
from tui.core.page.status import page_status
from tui.core.page.view import page_view
from tui.core.session import operations as ops
from tui.core.session.fold import Fold

KEY = "sk_live_0123456789abcdefDEADBEEF"
JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJrZ3JlZW4ifQ.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg"


def _session(clock, *more):
    fold = Fold()
    fold.apply(ops.create_op(clock.now(), title="Pizza purchases failing", zone="GMT", severity="SEV2"))
    for op in more:
        fold.apply(op)
    return fold.session


def _event(clock, kind, text="", minutes=0):
    t = clock.now() + timedelta(minutes=minutes)
    return ops.add_event_op(t, time=t, kind=kind, text=text)


def _update(clock, status, text, minutes=0):
    return ops.add_update_op(clock.now() + timedelta(minutes=minutes), text=text, status=status)


def test_the_status_follows_the_latest_update_and_the_mitigation_and_resolution(clock):
    assert page_status(_session(clock, _event(clock, "detected"))) == "investigating"
    identified = _update(clock, "identified", "cause found", 5)
    assert page_status(_session(clock, _event(clock, "detected"), identified)) == "identified"
    # An acknowledgement after the update does not take the status back to investigating.
    assert page_status(_session(clock, identified, _event(clock, "acknowledged", minutes=6))) == "identified"
    assert page_status(_session(clock, identified, _event(clock, "mitigated", minutes=7))) == "monitoring"
    later = _update(clock, "investigating", "it is back", 9)
    assert page_status(_session(clock, identified, _event(clock, "mitigated", minutes=7), later)) == "investigating"
    assert page_status(_session(clock, later, _event(clock, "resolved", minutes=3))) == "resolved"


def test_milestones_carry_the_time_since_the_one_before(clock):
    view = page_view(
        _session(
            clock,
            _event(clock, "impact_started"),
            _event(clock, "detected", minutes=5),
            _event(clock, "mitigated", minutes=35),
        ),
        clock.now(),
    )
    assert [(m.label, m.after) for m in view.milestones] == [
        ("Impact started", ""),
        ("Detected", "5m"),
        ("Mitigated", "30m"),
    ]
    assert view.started == clock.now() and view.milestones[0].time.endswith(" GMT")


def test_the_latest_update_comes_first_and_the_timeline_newest_first(clock):
    view = page_view(
        _session(
            clock,
            _event(clock, "note", "first"),
            _update(clock, "identified", "cause found", 2),
            _event(clock, "note", "last", 3),
        ),
        clock.now(),
    )
    assert view.latest is not None and (view.latest.status, view.latest.text) == ("Identified", "cause found")
    assert [line.text for line in view.timeline] == ["last", "Status update (Identified): cause found", "first"]


def test_every_text_is_redacted_as_exports_are(clock):
    url = f"https://pizza.example.com/api/report?key={KEY}"
    session = _session(clock, _event(clock, "note", f"report {url}"), _update(clock, "identified", f"token {JWT}"))
    session.title = f"Outage {url}"
    view = page_view(session, clock.now())
    shown = repr(view)
    assert KEY not in shown and JWT not in shown and "[REDACTED]" in shown


def test_tokens_are_long_random_and_only_their_digest_matches():
    token = new_token()
    assert TOKEN_SHAPE.fullmatch(token) and len(token) >= 32 and token != new_token()
    assert matches(token, [digest("x" * 32), digest(token)])
    assert not matches(token, [digest("x" * 32)])
    assert not matches(digest(token), [digest(token)])  # the digest itself is no key
    assert not matches("../../etc", [digest("../../etc")])
    assert page_url("", token) == f"http://127.0.0.1:8765/incident/{token}"
    assert page_url("https://scribe.example.com/", token) == f"https://scribe.example.com/incident/{token}"


def test_the_page_shows_the_newest_lines_and_counts_the_earlier_ones(clock):
    from tui.core.page.view import PAGE_LINES
    from tui.web.page_html import fragment

    notes = [_event(clock, "note", f"note {n}", minutes=n) for n in range(PAGE_LINES + 7)]
    view = page_view(_session(clock, *notes), clock.now())
    assert len(view.timeline) == PAGE_LINES and view.earlier == 7
    assert view.timeline[0].text == f"note {PAGE_LINES + 6}"  # newest first
    assert view.timeline[-1].text == "note 7"
    assert "7 earlier lines: the postmortem has them all." in fragment(view, clock.now())
    small = page_view(_session(clock, *notes[:3]), clock.now())
    assert small.earlier == 0 and "earlier line" not in fragment(small, clock.now())
