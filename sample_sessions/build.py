"""Writes the sample sessions: the five seed postmortems, as the journals Scribe would have kept.

Run from the repository root: `python sample_sessions/build.py` (or pass a folder to write
elsewhere). Output is deterministic (ids derive from the file name and the line number), so running
it again over the committed files changes nothing unless this script changed.

Each sample uses the seed's own times, zone and text. Timeline lines become events (milestones where
the seed says so), prose the seed wrote for detection, root cause, resolution and prevention is kept
verbatim, impact figures and action items as stated. Summary, impact and response are left empty on
purpose: Scribe drafts them from the milestones, which is what these samples show. Severity words
map to levels: "major" and "high" are SEV2, "mid" is SEV3; a seed that names none gets none.
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tui.core.clock.zones import parse_zone
from tui.core.session import journal
from tui.core.session import operations as ops

HERE = Path(__file__).resolve().parent
RECORDING_LAG = timedelta(seconds=20)  # a scribe types a line a little after it happens
WRITE_UP_AFTER = timedelta(minutes=40)  # the postmortem fields are filled in after the incident
# An illustrative key and fix code (not real ones): the export redacts both.
REPORT_URL = "https://pizza-factory.cs329.click/api/support/a3f9c2e17b5d4e8f9a0b1c2d3e4f5a6b/report/7d1e4c9a2b"


@dataclass
class Sample:
    file: str
    title: str
    zone: str
    day: date
    author: str
    opened: str  # when the session was started (HH:MM[:SS], the zone's wall time)
    events: list[tuple[str, str, str]]  # (HH:MM[:SS], kind, text)
    severity: str = ""
    fields: dict[str, str] = field(default_factory=dict)  # dotted path -> value
    actions: list[tuple[str, str]] = field(default_factory=list)  # (text, owner)


SAMPLES: list[Sample] = [
    Sample(
        file="2025-04-08-pizza-factory-chaos.jsonl",
        title="Pizza purchases failing: factory connection lost",
        zone="GMT",
        day=date(2025, 4, 8),
        author="Kristian Green",
        opened="10:26:30",
        severity="SEV2",
        events=[
            (
                "10:24",
                "impact_started",
                "connection with the pizza factory service was lost due to a chaos monkey injection.",
            ),
            ("10:25", "note", "all 3 current users on the site were unable to finalize any purchases"),
            ("10:26", "detected", "alert group is registered to be notified of an issue with a pizza purchase alert"),
            ("10:26", "note", 'alert group assigned to route "default" with esclation chain "JWT Pizza"'),
            ("10:26", "note", 'triggered step "Notify on-call from Schedule JWT Pizza"'),
            ("10:26", "note", "sent sms to Kristian Green"),
            ("10:26", "note", "sms sent to Kristian Green successfully"),
            ("10:26", "note", "sent mobile push message to Kristian Green"),
            ("10:26", "note", "mobile push was sent to Kristian Green successfully"),
            ("10:28", "acknowledged", "Kristian Green acknolwedged the issue and began debugging the incident."),
            (
                "10:43",
                "inspect",
                "Kristian Green found the chaos monkey in the logs under the response from the factory",
            ),
            ("10:43", "note", f"Report URL from the factory response: {REPORT_URL}"),
            (
                "10:43",
                "follow",
                "Kristian Green sent a report to the pizza factory to allow the connection to be "
                "reestablished between the service and factory.",
            ),
            ("10:44", "mitigated", "Users were able to start finalizing purchases again"),
            ("10:45", "resolved", "Kristian Green declared the alert as resolved."),
        ],
        fields={
            "fields.detection_source": "a Pizza Purchase Alert sent through Grafana OnCall",
            "impact.users_affected": "all 3 current users",
            "impact.share_of_users": "all current users on the platform",
            "fields.detection": (
                "This incident was detected when the Pizza Purchase Alert was triggered and Kristian Green was paged.\n"
                "Kristian Green recevied the notification almost immediately and began debugging the issue.\n"
                "In the future, the team will change the server so that it will automatically attempt to restablish\n"
                "connections with the factoryusing the provided report response when it faces errors to reduce the\n"
                "downtime for factory connection issues."
            ),
            "fields.root_cause": (
                "A chaos monkey was injected into the connection between the server and the factory,\n"
                "resulting in all purchase requests to fail due to having no connection with the factory."
            ),
            "fields.resolution": (
                "The service was restored when Kristian Green found the chaos monkey in the factory response\n"
                "and sent a report so that the connectioncould be reestablished by following the provided url\n"
                "in the error response contained in the logs."
            ),
            "fields.prevention": (
                "When the server is unable to send creation requests to the factory, it could automatically follow "
                "the url given in the error response to\nsend a report and reestablish the connection with the "
                "pizza factory.\n\nOn an unrelated note to this incident, but for a potential way to increase "
                "observation,\nproper alerts should be established for the revenue service as well, in case\n"
                "revenue is not received for pizza purchases."
            ),
        },
        actions=[
            (
                "When factory requests fail, automatically follow the report URL from the error response to "
                "reestablish the connection",
                "",
            ),
            ("Set up alerts for the revenue service, in case revenue is not received for pizza purchases", ""),
        ],
    ),
    Sample(
        file="2025-12-02-pizza-factory-down.jsonl",
        title="Pizza purchases failing: factory API down",
        zone="UTC",
        day=date(2025, 12, 2),
        author="Thomas Utrilla",
        opened="19:45:40",
        severity="SEV2",
        events=[
            ("19:35", "impact_started", "Pizza factory service went down"),
            ("19:45", "detected", "On-call team noticed and went to investigate"),
            ("19:45", "acknowledged", "Thomas Utrilla came online in Grafana"),
            ("19:50", "note", "On-call team logged in and tried to purchase pizza, which resulted in an error"),
            ("19:52", "note", "Went to see the error in dev tools and then went to cloudwatch to see the response"),
            (
                "20:00",
                "note",
                "Realized that the error response logs were not showing up in cloudwatch, explore "
                "other locations in AWS to see for better results",
            ),
            (
                "20:14",
                "inspect",
                "Recalled that you can see response errors in dev tools, went and saw link to "
                "restore the pizza factory service",
            ),
            ("20:16", "resolved", "Restored pizza factory service"),
        ],
        fields={
            "fields.detection_source": "Grafana",
            "impact.users_affected": "2 customers",
            "impact.share_of_users": "100%",
            "impact.support_tickets": "0",
            "fields.detection": (
                "This incident was detected when the on-call team noticed on the metrics in Grafana that pizza "
                "purchases was down and purchase failures was up.\n\nThe team will set-up tighter boundaries for "
                "purchase failures so that if the metric was to increase again in the future that it will trigger "
                "the on-call team earlier and notify them so that there doesn't need an individual constantly "
                "monitoring the metrics."
            ),
            "fields.root_cause": (
                "The pizza factory service going down was an result of a chaos test performed on the system to test "
                "whether protocols and alerts were properly setup in order to recover effectively when a system goes "
                "down.\n\nTo prevent a failure where pizza's purchases were unable to be done, a plan will need to be "
                "made where"
            ),
            "fields.resolution": (
                "The service was restored when in the response object that the error produced it was noted that "
                "there was a link to restore the service back online. Once visited, the service was back online and "
                "users could purchase pizzas again. In the JWT Pizza Factory settings, chaos turned status to calm.\n\n"
                "To improve time to mitigate, firstly we can readjust the metrics for the alert so that when purchase "
                "failures increase only by a little that the alarm can go off and it can be checked. Secondly, we can "
                "either defensively program so that a back-up service can be called that can purchase pizzas, or "
                "create documentation on how to remedy the solution. The former is better."
            ),
            "fields.prevention": (
                "This same root cause resulted in incidents where purchase flow stopped, and errors requests increased."
            ),
        },
        actions=[
            (
                "Tighten alerts for purchase failures to go off when 2 or more purchase failures are happening per "
                "minute.",
                "Thomas Utrilla",
            ),
            ("Create a alert for when bitcoin purchases go down.", "Thomas Utrilla"),
            ("Program a backup service for when purchase failures occur.", "Thomas Utrilla"),
        ],
    ),
    Sample(
        file="2025-04-07-pizza-factory-500s.jsonl",
        title="JWT orders failing: pizza factory returning 500",
        zone="UTC",
        day=date(2025, 4, 7),
        author="David Higueros",
        opened="18:46:30",
        severity="SEV3",
        events=[
            ("18:44", "impact_started", "JWT Pizza Service reports first recorded factory failure."),
            ("18:46", "detected", "Grafana IRM notifies JWT Pizza Dev Team."),
            ("18:47", "acknowledged", "Dev Team starts investigating failures of Pizza creations."),
            ("18:48", "inspect", "Dev Team finds Pizza Factory at source of 500 status codes."),
            ("18:48", "follow", "Dev Team contacts the Pizza Service via the reporting URL provided."),
            ("18:49", "mitigated", "Last reported incident."),
            ("18:50", "resolved", "Dev Team reports Pizza Factory is stable and customer impact resolved."),
        ],
        fields={
            "fields.detection_source": "a default alert in Grafana IRM",
            "impact.users_affected": "most users",
            "impact.failed_requests": "18 pizza purchases (100% of pizzas ordered in that timeframe); "
            "66 error logs captured by Grafana Dashboards",
            "fields.detection": (
                "The event was dected when a default alert was triggered and David Higueros was contacted a minute "
                "and a half after the incident's start. They acknowledged the event a minute later.\n\nDecreasing "
                "Grafana IRM's alarm trigger delay would improve the time the alarm needs to notify the team."
            ),
            "fields.root_cause": (
                "An error in the JWT Pizza Factory creation process led to failure in production of the product, "
                "combined with a lack of server retrying the purchase."
            ),
            "fields.resolution": "By contacting the JWT Pizza Factory service through their provided reporting URL",
            "fields.prevention": "This root cause is the first of its kind and has had no precedent.",
        },
        actions=[
            ("Create backup Pizza Factory service or more to fall back on in case of failure.", ""),
            ("Server retry pizza purchases so less Pizza purchases fail outright.", ""),
            ("Automate call to Pizza Factory reporting URL when errors start.", ""),
        ],
    ),
    Sample(
        file="2025-04-09-pizza-factory-chaos-test.jsonl",
        title="Pizza purchases failing during a chaos test",
        zone="UTC-6",
        day=date(2025, 4, 9),
        author="the on-call engineer",
        opened="12:00:50",
        events=[
            ("12:00:24", "impact_started", "first error occured and notification sent."),
            ("12:00:24", "detected", "Grafana notified me of the errors in the logs"),
            ("12:01", "acknowledged", "checked logs to see some errors reported"),
            ("12:02", "note", "logged in personally and verified that pizzas were unable to be purchased"),
            ("12:03", "follow", "signed into the URL from error 500 message to stop chaos testing"),
            ("12:03", "mitigated", "stopped the chaos testing"),
            ("12:05", "resolved", "verified it was running normally and stopped artifical traffic."),
        ],
        fields={
            "fields.detection_source": "Grafana",
            "impact.users_affected": "5 potential lost customers (the errors came from my own traffic loop)",
            "impact.failed_requests": "5 errors",
            "fields.detection": (
                "As soon as an error was reported on the logs I was notified at which point I looked at the logs "
                "where it had registerd the error and read the logs where I found the url to stop the chaos testing. "
                "It is unreasonable to be notified with 1 single error I could have a pattern of 5 or so errors "
                "within a minute at which point I could be notified and check the logs and start fixing the problem."
            ),
            "fields.root_cause": (
                "The root cause of this incident was when my JWT-pizza was contacting the jwt-pizza factory the "
                "factory must have gone offline and was returning 500 error messages when attempted to be contacted "
                "to purchase JWT pizzas. My repository was being Chaos tested"
            ),
            "fields.resolution": (
                "contacting the JWT pizza factory through the url given to me in the error message returned with "
                "the 500 to again reinstate my ability to contact and purchase JWT pizzas."
            ),
            "fields.prevention": (
                "Stay in the good graces of the jwt-pizza factory so they don't cut off my franchising and "
                "purchasing abilities of JWT pizzas. Or don't click the ready to chaos test on the autograder "
                "website."
            ),
        },
        actions=[
            ("Continue to have good logging and notification of errors to be able to respond rapidly to issues.", ""),
            ("Stay in good graces with the Pizza Factory", ""),
        ],
    ),
    Sample(
        file="2024-12-04-pizza-factory-500s.jsonl",
        title="Pizza orders failing: factory returning 500 errors",
        zone="UTC",
        day=date(2024, 12, 4),
        author="Seth Remer",
        opened="19:34:40",
        events=[
            ("19:34", "impact_started", "Pizza factory begins returning 500 errors"),
            ("19:34", "detected", "Grafana alert triggered"),
            ("19:34", "note", "JWT Pizza team paged"),
            ("19:35", "acknowledged", "JWT Pizza team begins investigating"),
            ("19:40", "inspect", "JWT Pizza team finds that the pizza factory is returning 500 errors"),
            ("19:45", "follow", "JWT Pizza team calls the report url provided by the pizza factory"),
            ("19:47", "mitigated", "Pizza factory begins producing pizzas normally"),
            ("19:47", "resolved", "Incident resolved"),
        ],
        fields={
            "fields.detection_source": "the Purchases alert in Grafana",
            "impact.users_affected": "1 customer",
            "impact.share_of_users": "100% of pizza ordering users",
            "impact.support_tickets": "0",
            "fields.detection": (
                "This incident was detected when the Purchases alert was triggered and the JWT Pizza team was paged. "
                "Because the slack integration was not installed, a mobile alert was sent, adding one minute to the "
                "response time.\nSlack integration will be installed to improve the response time by a minute or "
                "more."
            ),
            "fields.root_cause": "A chaos test was initiated and caused the pizza factory to return 500 errors "
            "instead of jwt pizzas.",
            "fields.resolution": (
                "The issue was resolved by calling the report url provided by the pizza factory. The pizza factory "
                "began producing pizzas normally after the report url was called.\nSlack integration will be "
                "installed to improve the response time by a minute or more."
            ),
            "fields.prevention": (
                "We can better handle the error codes returned by the pizza factory so that in the case of a real "
                "failure, we can respond more quickly."
            ),
        },
        actions=[
            ("Install slack integration to improve response time by a minute or more.", ""),
            (
                "Better handle the error codes returned by the pizza factory so that in the case of a real failure, "
                "we can respond more quickly.",
                "",
            ),
        ],
    ),
]


class _Ids:
    """Stable ids: the same sample always gets the same ids, so a rebuild is byte-for-byte the same."""

    def __init__(self, name: str) -> None:
        self.name, self.count = name, 0

    def __call__(self) -> str:
        self.count += 1
        return hashlib.sha256(f"{self.name}:{self.count}".encode()).hexdigest()[:12]


def _moment(sample: Sample, clock: str) -> datetime:
    parts = [int(p) for p in clock.split(":")]
    wall = time(parts[0], parts[1], parts[2] if len(parts) > 2 else 0)
    return datetime.combine(sample.day, wall, tzinfo=parse_zone(sample.zone).tz)


def operations(sample: Sample) -> list[dict]:
    """The journal of one sample, in the order a scribe would have written it."""
    ids = _Ids(sample.file)
    opened = _moment(sample, sample.opened)
    create = ops.create_op(
        opened, title=sample.title, zone=sample.zone, severity=sample.severity, session_id=ids(), created=opened
    )
    written = [create]
    at = opened
    for clock, kind, text in sample.events:
        moment = _moment(sample, clock)
        at = max(at + timedelta(seconds=4), moment + RECORDING_LAG)
        written.append(ops.add_event_op(at, time=moment, kind=kind, text=text, author=sample.author, source="keyboard"))
    at += WRITE_UP_AFTER
    for path, value in sample.fields.items():
        at += timedelta(seconds=30)
        written.append(ops.set_field_op(at, path, value))
    for text, owner in sample.actions:
        at += timedelta(seconds=30)
        written.append(ops.add_action_op(at, text, owner))
    for op in written:
        op["id"] = ids()
        for payload in ("event", "item"):
            if payload in op:
                op[payload]["id"] = ids()
    return written


def build(folder: Path = HERE) -> list[Path]:
    """Write every sample into `folder`, replacing older copies; return the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for sample in SAMPLES:
        target = folder / sample.file
        with tempfile.TemporaryDirectory(dir=folder) as scratch:
            staged = Path(scratch) / sample.file
            first, *rest = operations(sample)
            journal.create(staged, first)
            for op in rest:
                journal.append(staged, op)
            os.chmod(staged, 0o644)  # a shipped example holds no real secret; readable like any source
            os.replace(staged, target)
        paths.append(target)
    return paths


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE
    for written_path in build(out):
        print(written_path)
