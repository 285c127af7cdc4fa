"""The stakeholder page as HTML, built from a PageView with html.escape on every value.

Plain string building rather than a template engine: the page is one fixed layout of a dozen
values, every one already a cleaned, redacted line of text, and one `_e` call per value keeps the
escaping visible at each place a value enters the markup. The same fragment is the page's body
when it is served and the data of each Server-Sent Event, so a reader without JavaScript and one
with it see the same thing."""

from __future__ import annotations

from datetime import datetime, timedelta
from html import escape

from tui.core.metrics import format_duration
from tui.core.page.view import PageView

STYLE = """
:root { color-scheme: light dark; --bg: #fbfbf8; --fg: #1d2125; --muted: #5b636b; --line: #d9dcd6;
  --card: #ffffff; --investigating: #b4530a; --identified: #8a6a00; --monitoring: #1f62a8; --resolved: #237a3b; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #15181b; --fg: #e8eaec; --muted: #a2aab2; --line: #33393f; --card: #1d2125;
    --investigating: #f0a35e; --identified: #e3c05a; --monitoring: #7db3ec; --resolved: #6fcf8a; }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; }
main, .live { max-width: 44rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: .25rem 0; overflow-wrap: anywhere; }
h2 { font-size: .85rem; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); margin: 1.5rem 0 .5rem; }
.meta { margin: 0; display: flex; gap: .5rem; flex-wrap: wrap; align-items: center; }
.badge { border: 1px solid var(--line); border-radius: 999px; padding: .05rem .6rem; font-size: .85rem; font-weight: 600; }
.status { color: var(--bg); border: 0; }
.status-investigating { background: var(--investigating); } .status-identified { background: var(--identified); }
.status-monitoring { background: var(--monitoring); } .status-resolved { background: var(--resolved); }
.since { color: var(--muted); margin: 0; }
.latest { background: var(--card); border: 1px solid var(--line); border-radius: .6rem; padding: .75rem 1rem; margin-top: 1rem; }
.latest h2 { margin-top: 0; }
.update-text { font-size: 1.3rem; line-height: 1.4; margin: 0; overflow-wrap: anywhere; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: 0; }
dt { font-weight: 600; } dd { margin: 0; font-variant-numeric: tabular-nums; }
.after { color: var(--muted); }
ol { list-style: none; padding: 0; margin: 0; }
li { padding: .45rem 0; border-top: 1px solid var(--line); display: grid; grid-template-columns: 9.5rem 1fr; gap: .75rem; }
li time { color: var(--muted); font-variant-numeric: tabular-nums; font-size: .9rem; }
li span { overflow-wrap: anywhere; }
.kind-update span { font-weight: 600; }
footer, .live { color: var(--muted); font-size: .85rem; }
footer { margin-top: 1.5rem; }
@media (max-width: 32rem) { li { grid-template-columns: 1fr; gap: 0; } h1 { font-size: 1.35rem; } }
"""

# Applies each Server-Sent Event (the page's new body) and keeps "time since it started" current.
SCRIPT = """
(function () {
  var main = document.getElementById("page"), live = document.getElementById("live");
  function since() {
    var now = Date.now();
    main.querySelectorAll("[data-since]").forEach(function (el) {
      var s = Math.max(0, Math.floor((now - Number(el.dataset.since)) / 1000)), h = Math.floor(s / 3600),
        m = Math.floor(s % 3600 / 60);
      el.textContent = (h ? h + "h " + String(m).padStart(2, "0") + "m" : m + "m") + " ago";
    });
  }
  function title() {
    var h = main.querySelector("h1"), st = main.querySelector(".status");
    if (h && st) document.title = st.textContent + ": " + h.textContent;
  }
  setInterval(since, 30000);
  if (!window.EventSource) return;
  var source = new EventSource(location.pathname + "/events?after=" + encodeURIComponent(main.dataset.seq));
  source.addEventListener("state", function (event) {
    main.innerHTML = event.data; main.dataset.seq = event.lastEventId; title(); since();
  });
  source.addEventListener("gone", function () {
    source.close(); main.textContent = "This page is no longer available."; document.title = "Not found";
    live.textContent = "";
  });
  source.onopen = function () { live.textContent = "Live: this page updates on its own."; };
  source.onerror = function () { live.textContent = "Connection lost; reconnecting\\u2026"; };
})();
"""


def _e(text: str) -> str:
    return escape(text, quote=True)


def _ms(moment: datetime) -> int:
    return int(moment.timestamp() * 1000)


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
        ago = format_duration(max(now - view.started, timedelta(0)))
        parts.append(
            f'<p class="since">Started {_e(view.started_text)} · '
            f'<span data-since="{_ms(view.started)}">{_e(ago)} ago</span></p>'
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
