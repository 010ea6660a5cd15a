#!/usr/bin/env python3
"""Cross-file checks of InstrumentFileFormat.md ("Checks across files"), in Python.

Usage: python3 Tests/SchemaFixtures/crosscheck.py [--today YYYY-MM-DD] PROJECT.yaml INSTRUMENT.yaml...

A development aid for the example data and the fixtures (the Swift loader is the reference):
prints `path: message` for every problem found and exits 1 if there is any. With --today,
also reports entries reported, milestones done or evidence dated after that day.
Input files are assumed valid against the schemas (run validate.py first).
Evidence given by a relative `path` that exists (relative to the instrument file's folder) and
has a sha256 is hashed and compared.
"""

import calendar as cal
import datetime as dt
import hashlib
import os
import sys

import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from validate import Loader  # noqa: E402  (days stay strings)


def day(s):
    return dt.date.fromisoformat(s)


def add_months(d, n):
    m = d.month - 1 + n
    y, m = d.year + m // 12, m % 12 + 1
    return dt.date(y, m, min(d.day, cal.monthrange(y, m)[1]))


def periods(project):
    p, c = project["project"], project["calendar"]
    start, end = day(p["start"]), day(p["end"])
    n, due = c["period_months"], c["report_due_months"]
    out, s, i = [], start, 1
    while s <= end:
        e = add_months(s, n) - dt.timedelta(days=1)
        if add_months(e + dt.timedelta(days=1), n) - dt.timedelta(days=1) > end:
            e = end  # the remainder is added to the last period
        e = min(e, end)
        out.append({"id": f"P{i}", "start": s, "end": e})
        s, i = e + dt.timedelta(days=1), i + 1
    for q in out:
        q["due"] = end if q is out[-1] else add_months(q["end"] + dt.timedelta(days=1), due) - dt.timedelta(days=1)
    return out


def check(project_path, instrument_paths, today=None):
    problems = []

    def bad(path, msg):
        problems.append(f"{path}: {msg}")

    with open(project_path, encoding="utf-8") as f:
        project = yaml.load(f, Loader=Loader)
    pstart, pend = day(project["project"]["start"]), day(project["project"]["end"])
    cal_periods = {q["id"]: q for q in periods(project)}
    partners = {p["id"]: p for p in project["partners"]}
    if sum(1 for p in project["partners"] if p["role"] == "lead-partner") != 1:
        bad(project_path, "exactly one partner must be the lead-partner")
    prev_end = pstart - dt.timedelta(days=1)
    for ph in project["phases"]:
        if day(ph["start"]) != prev_end + dt.timedelta(days=1):
            bad(project_path, f"phase {ph['id']} does not start the day after the previous one")
        prev_end = day(ph["end"])
    if prev_end != pend:
        bad(project_path, "the last phase does not end on the project end")
    mid = project["calendar"].get("midterm_review")
    if mid and mid not in cal_periods:
        bad(project_path, f"midterm_review {mid} is not a period")

    seen_ids, codes = {}, {}
    for path in instrument_paths:
        with open(path, encoding="utf-8") as f:
            ins = yaml.load(f, Loader=Loader)
        iid = ins["id"]
        if os.path.splitext(os.path.basename(path))[0] != iid:
            bad(path, f"file name does not match id {iid}")
        if iid in seen_ids:
            bad(path, f"instrument id {iid} also in {seen_ids[iid]}")
        seen_ids[iid] = path
        if ins["partner"] not in partners:
            bad(path, f"unknown partner {ins['partner']}")
        istart, iend = day(ins["period"]["start"]), day(ins["period"]["end"])
        if iend < istart:
            bad(path, "instrument period ends before it starts")
        ev_ids = [e["id"] for e in ins.get("evidence", [])]
        ind_ids = [i["id"] for i in ins["indicators"]]
        for kind, ids in (("evidence", ev_ids), ("indicator", ind_ids), ("action", [a["id"] for a in ins["actions"]])):
            dup = {x for x in ids if ids.count(x) > 1}
            if dup:
                bad(path, f"duplicate {kind} ids {sorted(dup)}")
        base = os.path.dirname(path)
        for e in ins.get("evidence", []):
            if today and day(e["date"]) > today:
                bad(path, f"evidence {e['id']} dated after {today}")
            if "path" in e and "sha256" in e:
                full = os.path.join(base, e["path"])
                if os.path.exists(full):
                    with open(full, "rb") as f:
                        digest = hashlib.sha256(f.read()).hexdigest()
                    if digest != e["sha256"]:
                        bad(path, f"evidence {e['id']}: sha256 does not match {e['path']}")

        def entries(where, items, is_value, ind=None):
            last = {}
            for v in items:
                pid = v["period"]
                if pid not in cal_periods:
                    bad(path, f"{where}: unknown period {pid}")
                    continue
                r = day(v["reported_on"])
                if not pstart <= r <= pend:
                    bad(path, f"{where} {pid}: reported_on {r} outside the project")
                if r < cal_periods[pid]["start"]:
                    bad(path, f"{where} {pid}: reported_on {r} before the period starts")
                if today and r > today:
                    bad(path, f"{where} {pid}: reported_on {r} after {today}")
                if pid in last and r <= last[pid]:
                    bad(path, f"{where} {pid}: correction not strictly later than the previous entry")
                last[pid] = r
                for ev in v.get("evidence", []):
                    if ev not in ev_ids:
                        bad(path, f"{where} {pid}: unknown evidence {ev}")
                if is_value and ind.get("measure") == "qualitative" and v["value"] not in ind["scale"]:
                    bad(path, f"{where} {pid}: {v['value']!r} is not a scale level")

        for ind in ins["indicators"]:
            where = f"indicator {ind['id']}"
            if "code" in ind:
                key = (ind["unit"], ind["measure"])
                if ind["code"] in codes and codes[ind["code"]][0] != key:
                    bad(path, f"{where}: code {ind['code']} has unit/measure {key}, elsewhere {codes[ind['code']][0]} ({codes[ind['code']][1]})")
                codes.setdefault(ind["code"], (key, path))
            targets = ind.get("intermediate_targets", []) + [ind["target"]]
            for t in targets:
                if not istart <= day(t["date"]) <= iend:
                    bad(path, f"{where}: target date {t['date']} outside the instrument period")
            dates = [day(t["date"]) for t in targets]
            if dates != sorted(set(dates)) or len(set(dates)) != len(dates):
                bad(path, f"{where}: target dates not strictly increasing")
            if ind.get("measure") == "qualitative":
                for t in targets + [ind["baseline"]]:
                    if t["value"] not in ind["scale"]:
                        bad(path, f"{where}: {t['value']!r} is not a scale level")
            entries(where, ind["values"], True, ind)
            if ind.get("accumulation") == "cumulative":
                latest = {}
                for v in ind["values"]:
                    latest[v["period"]] = v  # as known now: the latest entry per period
                order = sorted(latest, key=lambda p: int(p[1:]))
                for a, b in zip(order, order[1:]):
                    va, vb = latest[a], latest[b]
                    if vb["value"] < va["value"] and "note" not in vb:
                        bad(path, f"{where}: cumulative value decreases from {a} to {b} without a note")
        for act in ins["actions"]:
            where = f"action {act['id']}"
            s, e = day(act["start"]), day(act["end"])
            if e < s:
                bad(path, f"{where}: ends before it starts")
            if not (istart <= s <= iend and istart <= e <= iend):
                bad(path, f"{where}: start/end outside the instrument period")
            for ref in act.get("indicators", []):
                if ref not in ind_ids:
                    bad(path, f"{where}: unknown indicator {ref}")
            ms = [m["id"] for m in act.get("milestones", [])]
            if len(ms) != len(set(ms)):
                bad(path, f"{where}: duplicate milestone ids")
            for m in act.get("milestones", []):
                if today and "done_on" in m and day(m["done_on"]) > today:
                    bad(path, f"{where}: milestone {m['id']} done after {today}")
            entries(where, act["updates"], False)
    return problems


def main(argv):
    args = argv[1:]
    today = None
    if args[:1] == ["--today"]:
        today, args = day(args[1]), args[2:]
    if len(args) < 1:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    problems = check(args[0], args[1:], today)
    for p in problems:
        print(p)
    if not problems:
        print(f"{len(args) - 1} instrument file(s): cross-file checks passed")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
