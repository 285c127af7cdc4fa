"""A long-running process watched from /proc: resident memory and CPU time sampled over a soak,
then judged bounded or growing by one stated rule."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from benchmarks.terminal import cpu_seconds, process_tree

WARM_UP_SHARE = 0.2  # the first fifth of the run: imports, caches and buffers reach their size
# Bounded: over the second half memory rises less than this, and the end is within the margin of
# the warm-up figure. The session itself grows by every note of the soak (each process holds it),
# so a small steady rise is the data; a leak keeps rising at the rate of whatever it keeps.
MAX_SLOPE_MB_PER_MIN = 0.5
MAX_END_RATIO = 1.10
# A process whose memory follows the session is compared with a fresh one of the same program
# holding the same final data: what the long run kept beyond that is what it accumulated.
MAX_OVER_FRESH = 1.15


def rss_mb(root: int) -> float:
    """VmRSS summed over the process tree, in MB (10^6 bytes); 0 for a process that is gone."""
    total_kb = 0
    for pid in process_tree(root):
        try:
            with open(f"/proc/{pid}/status") as status:
                for line in status:
                    if line.startswith("VmRSS:"):
                        total_kb += int(line.split()[1])
                        break
        except OSError:
            continue
    return total_kb * 1024 / 1e6


def alive(pid: int) -> bool:
    """The process exists and is neither a zombie nor dead (read without reaping it)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            state = stat.read().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


@dataclass
class Reading:
    at_s: float  # since the soak started
    rss_mb: float
    cpu_s: float
    alive: bool


@dataclass
class Watched:
    """One process of the soak and what was read of it."""

    name: str
    pid: int
    samples: list[Reading] = field(default_factory=list)

    def sample(self, at_s: float) -> None:
        living = alive(self.pid)  # a child nobody has reaped yet is a zombie: read as dead
        rss = rss_mb(self.pid) if living else 0.0
        cpu = cpu_seconds(self.pid) if living else (self.samples[-1].cpu_s if self.samples else 0.0)
        self.samples.append(Reading(at_s, rss, cpu, living))


def sample_all(watched: list[Watched], started: float) -> None:
    at = time.monotonic() - started
    for process in watched:
        process.sample(at)


def slope_per_minute(points: list[tuple[float, float]]) -> float:
    """Least-squares slope of (seconds, MB) points, in MB per minute; 0 with fewer than two."""
    if len(points) < 2:
        return 0.0
    mean_t = sum(t for t, _ in points) / len(points)
    mean_v = sum(v for _, v in points) / len(points)
    spread = sum((t - mean_t) ** 2 for t, _ in points)
    if spread == 0:
        return 0.0
    return 60.0 * sum((t - mean_t) * (v - mean_v) for t, v in points) / spread


def judge(process: Watched, duration_s: float, fresh_mb: float | None = None) -> dict[str, object]:
    """The figures of one process over a run of `duration_s` seconds, and its verdict; `fresh_mb`
    is the same program started at the end on the same data, when there is one to compare with."""
    samples = process.samples
    living = [s for s in samples if s.alive]
    if not living:
        return {"name": process.name, "pid": process.pid, "verdict": "DIED", "died": True}
    warm_up = next((s for s in living if s.at_s >= WARM_UP_SHARE * duration_s), living[-1])
    end = living[-1]
    second_half = [(s.at_s, s.rss_mb) for s in living if s.at_s >= duration_s / 2]
    slope = slope_per_minute(second_half)
    ratio = end.rss_mb / warm_up.rss_mb if warm_up.rss_mb else float("inf")
    wall = end.at_s - living[0].at_s
    cpu = 100.0 * (end.cpu_s - living[0].cpu_s) / wall if wall > 0 else 0.0
    died = any(not s.alive for s in samples)
    flat = slope < MAX_SLOPE_MB_PER_MIN and ratio <= MAX_END_RATIO
    over_fresh = end.rss_mb / fresh_mb if fresh_mb else None
    if died:
        verdict = "DIED"
    elif flat:
        verdict = "bounded"
    elif over_fresh is not None and over_fresh <= MAX_OVER_FRESH:
        verdict = "bounded (data)"
    else:
        verdict = "GROWS"
    return {
        "name": process.name,
        "pid": process.pid,
        "warm_up_mb": warm_up.rss_mb,
        "warm_up_at_s": warm_up.at_s,
        "end_mb": end.rss_mb,
        "end_over_warm_up": ratio,
        "peak_mb": max(s.rss_mb for s in living),
        "slope_second_half_mb_per_min": slope,
        "mean_cpu_percent": cpu,
        "fresh_mb": fresh_mb,
        "end_over_fresh": over_fresh,
        "died": died,
        "verdict": verdict,
        "samples": [[round(s.at_s, 1), round(s.rss_mb, 2), round(s.cpu_s, 2), s.alive] for s in samples],
    }


RULE = (
    f"bounded: over the second half RSS rises less than {MAX_SLOPE_MB_PER_MIN} MB/min (least squares) "
    f"and the end is at most {MAX_END_RATIO:.2f}x the figure at the end of the warm-up "
    f"(first {WARM_UP_SHARE:.0%}); bounded (data): it rose, but ends at most {MAX_OVER_FRESH:.2f}x a fresh "
    "process of the same program on the same final session (the growth is the session's); "
    "DIED: the process was gone at a sample"
)
