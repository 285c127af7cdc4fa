"""The stakeholder page as HTML, built from a PageView with html.escape on every value.

Plain string building rather than a template engine: the page is one fixed layout of a dozen
values, every one already a cleaned, redacted line of text, and one `_e` call per value keeps the
escaping visible at each place a value enters the markup. The same fragment is the page's body
when it is served and the data of each Server-Sent Event, so a reader without JavaScript and one
with it see the same thing."""

from __future__ import annotations

from datetime import datetime, timedelta
from html import escape
from pathlib import Path

from tui.core.metrics import format_duration
from tui.core.page.view import PageView

_HERE = Path(__file__).parent
# Plain CSS and a small script, no build step; both are inlined under the response's CSP nonce.
STYLE = (_HERE / "page.css").read_text(encoding="utf-8")
SCRIPT = (_HERE / "page.js").read_text(encoding="utf-8")


def _e(text: str) -> str:
    return escape(text, quote=True)


def _ms(moment: datetime) -> int:
    return int(moment.timestamp() * 1000)


def _ago(delta: timedelta) -> str:
    """Whole minutes, as the page's script counts them on."""
    minutes = max(0, int(delta.total_seconds()) // 60)
    hours, minutes = divmod(minutes, 60)
    if not hours:
        return "just now" if not minutes else f"{minutes}m ago"
    return f"{hours}h {minutes:02d}m ago"


def fragment(view: PageView, now: datetime) -> str:
    """The page's body: what the first load shows and what each live update replaces it with."""
    parts = ['<header><p class="meta">']
    parts.append(f'<span class="badge status status-{_e(view.status)}">{_e(view.status_label)}</span>')
    if view.severity:
        parts.append(f'<span class="badge">{_e(view.severity)}</span>')
    parts.append(f"</p><h1>{_e(view.title)}</h1>")
    if view.status == "resolved" and view.resolved_at is not None:
        lasted = format_duration(view.resolved_at - view.started)
        parts.append(f'<p class="since">Started {_e(view.started_text)} · lasted {_e(lasted)}</p>')
    else:
        parts.append(
            f'<p class="since">Started {_e(view.started_text)} · '
            f'<span data-since="{_ms(view.started)}">{_e(_ago(now - view.started))}</span></p>'
        )
    parts.append("</header>")
    if view.latest is not None:
        parts.append(
            f'<section class="latest"><h2>Latest update · {_e(view.latest.status)} · {_e(view.latest.time)}</h2>'
            f'<p class="update-text">{_e(view.latest.text)}</p></section>'
        )
    if view.milestones:
        parts.append("<section><h2>Milestones</h2><dl>")
        for milestone in view.milestones:
            after = f' <span class="after">(+{_e(milestone.after)})</span>' if milestone.after else ""
            parts.append(f"<dt>{_e(milestone.label)}</dt><dd>{_e(milestone.time)}{after}</dd>")
        parts.append("</dl></section>")
    parts.append('<section><h2>Timeline</h2><ol class="timeline">')
    for line in view.timeline:
        parts.append(f'<li class="kind-{_e(line.kind)}"><time>{_e(line.time)}</time><span>{_e(line.text)}</span></li>')
    if not view.timeline:
        parts.append("<li><time></time><span>Nothing on the timeline yet.</span></li>")
    if view.earlier:
        earlier = f"{view.earlier:,} earlier line{'s' if view.earlier != 1 else ''}"
        parts.append(f'<li class="earlier"><time></time><span>{earlier}: the postmortem has them all.</span></li>')
    parts.append(f"</ol></section><footer>Last updated {_e(view.updated_text)}</footer>")
    return "".join(parts)


def document(view: PageView, now: datetime, seq: int, nonce: str) -> str:
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="referrer" content="no-referrer"><meta name="robots" content="noindex, nofollow">'
        f"<title>{_e(view.status_label)}: {_e(view.title)}</title>"
        f'<style nonce="{nonce}">{STYLE}</style></head><body>'
        f'<main id="page" data-seq="{seq}">{fragment(view, now)}</main>'
        '<p class="live" id="live"></p>'
        f'<script nonce="{nonce}">{SCRIPT}</script></body></html>'
    )


NOT_FOUND = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8">'
    '<meta name="viewport" content="width=device-width, initial-scale=1">'
    '<meta name="referrer" content="no-referrer"><meta name="robots" content="noindex, nofollow">'
    "<title>Not found</title></head><body><h1>Not found</h1>"
    "<p>This link is unknown or no longer valid. Ask whoever sent it for a new one.</p></body></html>"
)
