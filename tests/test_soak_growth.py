"""The soak's verdict on a process's memory: the rule as stated, on made-up samples."""

from __future__ import annotations

import pytest

from benchmarks.growth import Reading, Watched, judge, slope_per_minute

MINUTES = 10
DURATION = MINUTES * 60.0


def watched(rss_at_minute, alive=lambda _minute: True):
    """A process sampled every 10 s over the run, its RSS given as a function of the minute."""
    process = Watched("probe", 1)
    for tenth in range(0, MINUTES * 6 + 1):
        at = tenth * 10.0
        process.samples.append(Reading(at, rss_at_minute(at / 60), at / 100, alive(at / 60)))
    return process


def test_the_slope_is_the_least_squares_line_in_mb_per_minute():
    assert slope_per_minute([(0.0, 10.0), (60.0, 11.0), (120.0, 12.0)]) == pytest.approx(1.0)
    assert slope_per_minute([(0.0, 10.0)]) == 0.0


def test_a_flat_process_is_bounded_and_its_cpu_is_a_share_of_one_core():
    figures = judge(watched(lambda minute: 40.0 + (0.3 if minute > 1 else 0.0)), DURATION)
    assert figures["verdict"] == "bounded"
    assert figures["end_over_warm_up"] == pytest.approx(40.3 / 40.3)
    assert figures["mean_cpu_percent"] == pytest.approx(1.0)


def test_a_steady_rise_grows_unless_a_fresh_process_on_the_same_data_is_as_large():
    rising = watched(lambda minute: 40.0 + 1.0 * minute)
    assert judge(rising, DURATION)["verdict"] == "GROWS"
    assert judge(rising, DURATION, fresh_mb=48.0)["verdict"] == "bounded (data)"
    assert judge(rising, DURATION, fresh_mb=40.0)["verdict"] == "GROWS"
    assert judge(rising, DURATION)["slope_second_half_mb_per_min"] == pytest.approx(1.0)


def test_a_process_gone_at_any_sample_died():
    assert judge(watched(lambda _m: 40.0, alive=lambda minute: minute < 7), DURATION)["verdict"] == "DIED"
    assert judge(watched(lambda _m: 40.0, alive=lambda _m: False), DURATION)["verdict"] == "DIED"
