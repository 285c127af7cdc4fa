"""What the inspector says about a pasted response: its status, its report URLs and its JSON, as text.

Everything shown comes from the paste (often from the network), so each piece is made printable.
"""

from __future__ import annotations

from textual.content import Content

from tui.app.display import printable
from tui.core.factory.response import Findings

NO_STATUS = "not in the paste (copy the response headers too to see it)"


def facts(findings: Findings | None) -> Content:
    """The status line and the message, or that nothing is pasted yet."""
    if findings is None:
        return Content.styled("Nothing pasted yet.", "$text-muted")
    status = f"{findings.status} {findings.reason or ''}".rstrip() if findings.status is not None else NO_STATUS
    return Content.assemble(
        ("Status   ", "bold"),
        printable(status),
        "\n",
        ("Message  ", "bold"),
        printable(findings.message or "none"),
    )


def report_urls(findings: Findings | None) -> Content | str:
    """Every report URL found (the first is the one followed), or where the factory puts one."""
    if findings is None:
        return ""
    links = findings.report_links
    if not links:
        return Content.assemble(
            ("No report URL in this response.", "bold"),
            "\n",
            (
                "The factory's 500 body carries it as followLinkToEndChaos or reportUrl; "
                "paste the body of a failed order.",
                "$text-muted",
            ),
        )
    heading = "Report URL" if len(links) == 1 else f"Report URLs: {len(links)}; the first is the one followed"
    parts: list[str | tuple[str, str] | Content] = [(heading, "bold"), "\n"]
    for number, link in enumerate(links):
        shown = printable(link.url)
        parts += [(shown, "bold $text-accent") if number == 0 else shown, "\n"]
        where = f"from the {link.field!r} field" if link.field else "recognised by its shape"
        parts += [(where, "$text-muted"), "\n"]
    parts.append(("Ctrl+F follows it · Ctrl+O opens it in the browser · Ctrl+T copies it", "$text-muted"))
    return Content.assemble(*parts)


def json_body(findings: Findings | None) -> Content | str:
    """The response's JSON, pretty-printed and highlighted, when the paste holds any."""
    if findings is None:
        return ""
    pretty = findings.pretty_body()
    if pretty is None:
        return Content.styled("No JSON in the paste.", "$text-muted")
    from textual.highlight import highlight  # here: pygments adds 30 ms to every start-up

    return Content.assemble(("JSON", "bold"), "\n", highlight(pretty, language="json"))
