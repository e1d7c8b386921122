"""Writes tests/safety/rules_vectors.json; the expectations are written by hand below.

Run from the repository root: .venv/bin/python tests/safety/make_rules_vectors.py
"""

import json
from datetime import date, timedelta

from backcoach.content.schema import SafetyRules

START = date(2026, 3, 22)  # the first week crosses the 2026-03-29 DST change


def days(values, start=START):
    return {
        (start + timedelta(days=i)).isoformat(): v for i, v in enumerate(values) if v is not None
    }


def every_day(n, start=START):
    return [(start + timedelta(days=i)).isoformat() for i in range(n)]


def d(i):
    return (START + timedelta(days=i)).isoformat()


cases: list[dict[str, object]] = []


def case(
    name,
    pain,
    day,
    expect,
    sessions=None,
    rules=None,
    start=None,
    session_instants=None,
    reports=None,
    expect_pain=None,
    expect_sources=None,
):
    c = {"name": name, "pain": pain, "day": day, "expect": sorted(expect)}
    # Session pain: each report has an instant (its day is the local day) or a day.
    # The diary's "pain" becomes diary reports; the day's pain is the highest of all.
    if reports is not None:
        c["reports"] = reports
        c["expect_pain"] = expect_pain
        c["expect_sources"] = expect_sources
    c["sessions"] = sessions if sessions is not None else every_day(40)
    if rules:
        c["rules"] = rules
    if start:
        c["start"] = start
    if session_instants:
        c["session_instants"] = session_instants
    cases.append(c)


S, N, R = "severe", "not-improving", "rising"
P = "pain-persists"
# any NRS >= 8
case("severe: just below (7)", days([7]), d(0), [])
case("severe: at (8)", days([8]), d(0), [[P, S]])
case("severe: above (9)", days([9]), d(0), [[P, S]])
case("severe: 10", days([10]), d(0), [[P, S]])
case("severe: threshold from the program (7)", days([7]), d(0), [[P, S]], rules={"severe_nrs": 7})
case("no entry that day: nothing judged", days([9]), d(1), [])
# not lower than the first week's level after 14 days
week = [5] * 7 + [4] * 7
case("not improving: day 13 (just before 14 days)", days([*week[:13], 5]), d(13), [])
case("not improving: day 14 at baseline", days([*week, 5]), d(14), [[P, N]])
case("not improving: day 15 at baseline", days([*week, 4, 5]), d(15), [[P, N]])
case("not improving: day 14 just below baseline", days([*week, 4]), d(14), [])
case("not improving: day 14 just above baseline", days([*week, 6]), d(14), [[P, N]])
case(
    "not improving: fractional baseline 5.14, NRS 5 is lower",
    days([5] * 6 + [6] + [4] * 7 + [5]),
    d(14),
    [],
)
case(
    "not improving: fractional baseline 5.14, NRS 6 is not lower",
    days([5] * 6 + [6] + [4] * 7 + [6]),
    d(14),
    [[P, N]],
)
case(
    "not improving: after 10 days from the program",
    days([5] * 7 + [4] * 3 + [5]),
    d(10),
    [[P, N]],
    rules={"not_improving_after_days": 10},
)
case(
    "not improving: gaps in the diary still count calendar days",
    days([5, None, None, 5, None, None, None] + [None] * 7 + [5]),
    d(14),
    [[P, N]],
)
case(
    "not improving: start given explicitly, first entry later",
    days([None, None, 5, 5, 5, 5, 5] + [4] * 7 + [5]),
    d(14),
    [[P, N]],
    start=START.isoformat(),
)
# NRS >= baseline + 2 on 2 consecutive days
base3 = [3] * 7
case("rising: +2 on two days", days([*base3, 5, 5]), d(8), [[P, R]])
case("rising: +2 then +1 (just below)", days([*base3, 5, 4]), d(8), [])
case("rising: +1 then +2 (just below)", days([*base3, 4, 5]), d(8), [])
case("rising: +3 on two days (above)", days([*base3, 6, 6]), d(8), [[P, R]])
case("rising: only one day so far", days([*base3, 5]), d(7), [])
case("rising: a missing day breaks the run", days([*base3, 5, None, 5]), d(9), [])
case("rising: within the first week against the days before", days([3, 5, 5]), d(2), [[P, R]])
case("rising: no baseline before the run", days([3, 5]), d(1), [])
case(
    "rising: three days asked, two given",
    days([*base3, 5, 5]),
    d(8),
    [],
    rules={"rise_consecutive_days": 3},
)
case(
    "rising: three days asked, three given",
    days([*base3, 5, 5, 5]),
    d(9),
    [[P, R]],
    rules={"rise_consecutive_days": 3},
)
case("rising and severe together", days([*base3, 8, 8]), d(8), [[P, R], [P, S]])
case("severe and not improving", days([6] * 7 + [6] * 7 + [8]), d(14), [[P, N], [P, S]])
case(
    "all three pain rules with a rise",
    days([5] * 7 + [5] * 6 + [8, 8]),
    d(14),
    [[P, N], [P, R], [P, S]],
)
# no session for 3 days: a reminder
case("no session: 2 days without (just below)", days([2, 2, 2]), d(2), [], sessions=[d(0)])
case(
    "no session: 3 days without (at)",
    days([2, 2, 2, 2]),
    d(3),
    [["no-session", ""]],
    sessions=[d(0)],
)
case(
    "no session: 4 days without (above)", days([2] * 5), d(4), [["no-session", ""]], sessions=[d(0)]
)
case("no session ever: third diary day", days([2, 2, 2]), d(2), [["no-session", ""]], sessions=[])
case("no session ever: second diary day", days([2, 2]), d(1), [], sessions=[])
case(
    "no session: later sessions do not count for an earlier day",
    days([2] * 4),
    d(3),
    [["no-session", ""]],
    sessions=[d(0), d(5)],
)
case(
    "no session: 5 days from the program",
    days([2] * 5),
    d(4),
    [],
    sessions=[d(0)],
    rules={"no_session_days": 5},
)
# sessions given as instants: the local day decides (DST end, 2026-10-25)
oct_start = date(2026, 10, 22)
case(
    "no session: 23:30 UTC on Oct 24 is Oct 25 local (CEST)",
    days([2, 2, 2, 2, 2], start=oct_start),
    "2026-10-26",
    [],
    sessions=[],
    session_instants=["2026-10-24T22:30:00Z"],
)
case(
    "no session: 22:00 UTC on Oct 23 is Oct 24 local, 3 days later a reminder",
    days([2, 2, 2, 2, 2, 2], start=oct_start),
    "2026-10-27",
    [["no-session", ""]],
    sessions=[],
    session_instants=["2026-10-23T22:00:00Z"],
)
case(
    "no session: 21:59 UTC on Oct 23 is still Oct 23 local",
    days([2, 2, 2, 2, 2], start=oct_start),
    "2026-10-26",
    [["no-session", ""]],
    sessions=[],
    session_instants=["2026-10-23T21:59:00Z"],
)

# Pain reported in a session (before, after, "this hurts") is the day's pain too.
B, A, H = "session-before", "session-after", "this-hurts"


def rep(instant, nrs, source, exercise=None):
    found = {"instant": instant, "nrs": nrs, "source": source, "session": "s-1"}
    if exercise:
        found["exercise"] = exercise
    return found


case(
    "session: pain 9 before and 9 after, no diary entry: severe",
    {},
    d(0),
    [[P, S]],
    reports=[rep("2026-03-22T08:00:00Z", 9, B), rep("2026-03-22T08:30:00Z", 9, A)],
    expect_pain={d(0): 9},
    expect_sources=[B, A],
)
case(
    "session: 'this hurts' 8 during an exercise: severe",
    {},
    d(0),
    [[P, S]],
    reports=[rep("2026-03-22T08:00:00Z", 3, B), rep("2026-03-22T08:10:00Z", 8, H, "knee-rolls")],
    expect_pain={d(0): 8},
    expect_sources=[H],
)
case(
    "session: 7 before and after (just below): nothing",
    {},
    d(0),
    [],
    reports=[rep("2026-03-22T08:00:00Z", 7, B), rep("2026-03-22T08:30:00Z", 7, A)],
    expect_pain={d(0): 7},
    expect_sources=[],
)
case(
    "session and diary on one day: the highest counts (diary 4, session 9)",
    {d(0): 4},
    d(0),
    [[P, S]],
    reports=[rep("2026-03-22T08:00:00Z", 9, B)],
    expect_pain={d(0): 9},
    expect_sources=[B],
)
case(
    "session and diary on one day: the diary's 9 counts over the session's 2",
    {d(0): 9},
    d(0),
    [[P, S]],
    reports=[rep("2026-03-22T08:00:00Z", 2, B), rep("2026-03-22T08:30:00Z", 2, A)],
    expect_pain={d(0): 9},
    expect_sources=["diary"],
)
case(
    "session: threshold from the program (severe 7) applies to session pain",
    {},
    d(0),
    [[P, S]],
    rules={"severe_nrs": 7},
    reports=[rep("2026-03-22T08:30:00Z", 7, A)],
    expect_pain={d(0): 7},
    expect_sources=[A],
)
case(
    "session pain rising over the first week's diary level: rising",
    days(base3),
    d(8),
    [[P, R]],
    reports=[rep(f"{d(7)}T09:00:00Z", 5, A), rep(f"{d(8)}T09:00:00Z", 5, B)],
    expect_pain={**days(base3), d(7): 5, d(8): 5},
    expect_sources=[],
)
case(
    "session pain after 14 days not lower than the first week: not improving",
    days([5] * 7 + [4] * 7),
    d(14),
    [[P, N]],
    reports=[rep(f"{d(14)}T09:00:00Z", 5, A)],
    expect_pain={**days([5] * 7 + [4] * 7), d(14): 5},
    expect_sources=[],
)
case(
    "session pain at 00:30 local on 25 Oct (22:30 UTC on the 24th) counts for the 25th",
    {},
    "2026-10-25",
    [[P, S]],
    sessions=["2026-10-25"],
    reports=[rep("2026-10-24T22:30:00Z", 9, B)],
    expect_pain={"2026-10-25": 9},
    expect_sources=[B],
)

local_days = [
    ["2026-03-28T22:59:59Z", "2026-03-28"],
    ["2026-03-28T23:00:00Z", "2026-03-29"],
    ["2026-03-29T00:59:59Z", "2026-03-29"],
    ["2026-03-29T01:00:00Z", "2026-03-29"],
    ["2026-03-29T21:59:59Z", "2026-03-29"],
    ["2026-03-29T22:00:00Z", "2026-03-30"],
    ["2026-10-24T21:59:59Z", "2026-10-24"],
    ["2026-10-24T22:00:00Z", "2026-10-25"],
    ["2026-10-25T00:30:00Z", "2026-10-25"],
    ["2026-10-25T01:30:00Z", "2026-10-25"],
    ["2026-10-25T22:59:59Z", "2026-10-25"],
    ["2026-10-25T23:00:00Z", "2026-10-26"],
    ["2026-03-29T03:30:00+02:00", "2026-03-29"],
    ["2026-06-30T23:30:00-04:00", "2026-07-01"],
    ["2026-12-31T23:00:00Z", "2027-01-01"],
]

out = {
    "about": "Shared test vectors for backcoach/safety/rules.py and "
    "backcoach/diary/static/diary/rules.js. "
    "Rules not given take the schema defaults (SafetyRules). 'expect' lists [rule, detail] sorted.",
    "defaults": SafetyRules().model_dump(),
    "cases": cases,
    "local_days": [{"instant": i, "day": day} for i, day in local_days],
}
with open("tests/safety/rules_vectors.json", "w") as f:
    json.dump(out, f, indent=1, ensure_ascii=False)
    f.write("\n")
print(len(cases), "cases")
