#!/usr/bin/env python3
"""The benchmark harness behind scripts/bench: every system on every workload, interleaved.

Each system is an external command that runs one workload once and prints JSON rows on stdout
(see Benchmarks/peers/common.py). For each repetition, for each workload, the harness puts the
database in the workload's starting state, then runs every system in turn, rotating the order
from one repetition to the next, and resets the state before each system:

- every workload starts from an empty `users` table and a counter at 0;
- W4 starts with W3's 10,000 rows (names "User i"), so that every row conflicts;
- W5, W6, W8, W11 start with 10,000 seeded rows (id md5('seed' || i)::uuid, created_at in i
  order), which every system reads in the same order;
- W10 starts with Bank.schema's copy of pgbench's scale-1 tables, balances at 0 and no history
  (the server's pgbench initialises its own tables).

W10 and W11 have several points (client counts; task counts and pools): a system prints one row
per point (field `point`), and every figure, ratio and goal is taken per point.

Then it writes results/latest.json, results/latest.png and docs/benchmarks.md, and prints the
table. Run by scripts/bench (which builds the systems and starts the server); see its --help.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

import asyncpg

import include_stream

BENCHMARKS = Path(__file__).resolve().parent.parent
ROOT = BENCHMARKS.parent
VENV_PYTHON = BENCHMARKS / ".venv" / "bin" / "python"

WORKLOADS = ["W1", "W2", "W3", "W4", "W5", "W6", "W7", "W8", "W9", "W10", "W11"] + include_stream.WORKLOADS
SYSTEMS = ["athanor", "postgresnio", "asyncpg", "advanced-alchemy", "server"]
PEERS = ["postgresnio", "asyncpg", "advanced-alchemy", "server"]

TITLES = {
    "W1": "W1 5,000 creates", "W2": "W2 createMany 10k", "W3": "W3 upsertMany 10k new",
    "W4": "W4 upsertMany 10k conflicts", "W5": "W5 get by id", "W6": "W6 list 50",
    "W7": "W7 contention", "W8": "W8 64 tasks, pool 8+4", "W9": "W9 upsertMany 100k",
    "W10": "W10 TPC-B-like", "W11": "W11 get by id, concurrency sweep",
} | include_stream.TITLES

# The systems that run each workload, where not every one does (W10: the clients doing pgbench's
# statements and pgbench; W11: the two Swift systems, the comparison).
SUPPORTED = {"W10": {"athanor", "postgresnio", "asyncpg", "server"}, "W11": {"athanor", "postgresnio"}}

# W11's process figures (per point).
SWEEP_EXTRAS = ["pool", "tasks", "p50_ms", "p99_ms", "timeouts", "threads", "rss_bytes", "peak_rss_bytes",
                "context_switches_per_s", "voluntary_switches_per_s", "involuntary_switches_per_s",
                "client_cpu_us_per_get"]

# Extra fields of a result row, taken from the repetition with the median value.
SEQUENTIAL_EXTRAS = ["lease_per_call", "lease_per_call_allocations_per_call"]
EXTRAS = {"W1": SEQUENTIAL_EXTRAS, "W5": SEQUENTIAL_EXTRAS, "W6": SEQUENTIAL_EXTRAS, "W2": ["create_many_rows_per_s"], "W7": ["commits", "retries", "final_counter"], "W8": ["p50_ms", "p99_ms", "timeouts"],
          "W9": ["peak_rss_bytes", "input_bytes", "call_growth_bytes"],
          "W10": ["clients", "commits", "retries"], "W11": SWEEP_EXTRAS} | include_stream.EXTRAS

# Which systems are provisional, and why (shown in the table and in docs/benchmarks.md).
PROVISIONAL: dict[str, str] = {}


def command_of(system: str) -> list[str]:
    release = BENCHMARKS / ".build" / "release"
    return {
        "athanor": [str(release / "bench-athanor")],
        "postgresnio": [str(release / "bench-postgresnio")],
        "asyncpg": [str(VENV_PYTHON), str(BENCHMARKS / "peers" / "asyncpg_bench.py")],
        "advanced-alchemy": [str(VENV_PYTHON), str(BENCHMARKS / "peers" / "advanced_alchemy_bench.py")],
        "server": [str(VENV_PYTHON), str(BENCHMARKS / "server" / "server_bench.py")],
    }[system]


# ---------------------------------------------------------------------------------------------
# The database's starting state of each workload.

SEED = (
    "INSERT INTO users (id, email, name, nickname, login_count, preferences, roles, created_at, updated_at) "
    "SELECT {id}, '{prefix}' || i || '@example.com', 'User ' || i, "
    "CASE WHEN i % 3 = 0 THEN NULL ELSE 'nick' || i END, i % 100, "
    "jsonb_build_object('theme', CASE WHEN i % 2 = 1 THEN 'dark' ELSE 'light' END, 'lang', 'en', "
    "'digest', i % 7 = 0, 'page_size', 25), "
    "CASE WHEN i % 10 = 0 THEN '{{user,admin}}'::text[] ELSE '{{user}}'::text[] END, "
    "timestamptz '2026-01-01 00:00:00+00' + i * interval '1 second', now() "
    "FROM generate_series(0, 9999) AS i"
)


# W10: pgbench's scale-1 rows in Bank.schema's tables (shared with scripts/bench-ab).
BANK_SEED = (BENCHMARKS / "harness" / "w10_seed.sql").read_text()


async def prepare(url: str, workload: str) -> None:
    connection = await asyncpg.connect(url)
    try:
        await connection.execute("TRUNCATE users CASCADE; UPDATE bench_counter SET n = 0 WHERE id = 1")
        if workload == "W4":
            await connection.execute(SEED.format(id="gen_random_uuid()", prefix="w3-"))
        elif workload in ("W5", "W6", "W8", "W11"):
            await connection.execute(SEED.format(id="md5('seed' || i)::uuid", prefix="seed"))
        elif workload == "W10":
            await connection.execute(BANK_SEED)
            await connection.execute("VACUUM ANALYZE w10_branches, w10_tellers, w10_accounts, w10_history")
        await include_stream.prepare(connection, workload, SEED.format(id="md5('seed' || i)::uuid", prefix="seed"))
        await connection.execute("VACUUM ANALYZE users")
        # Write the dirty pages out now rather than during the next measurement.
        await connection.execute("CHECKPOINT")
    finally:
        await connection.close()


async def setup(url: str, users_ddl: str, bank_ddl: str | None) -> str:
    connection = await asyncpg.connect(url)
    try:
        await connection.execute("DROP TABLE IF EXISTS orders, users CASCADE; DROP TYPE IF EXISTS order_status")
        await connection.execute(users_ddl)
        if bank_ddl:
            await connection.execute("DROP TABLE IF EXISTS w10_branches, w10_tellers, w10_accounts, w10_history")
            await connection.execute(bank_ddl)
        await connection.execute((BENCHMARKS / "harness" / "setup.sql").read_text())
        return await connection.fetchval("SHOW server_version")
    finally:
        await connection.close()


# ---------------------------------------------------------------------------------------------
# Running the systems.


def run_system(system: str, workload: str, repetition: int, url: str, timeout: float) -> list[dict]:
    command = command_of(system) + ["--workload", workload, "--repetition", str(repetition)]
    environment = dict(os.environ, DATABASE_URL=url)
    try:
        finished = subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=environment)
    except subprocess.TimeoutExpired:
        print(f"  {system} {workload}: timed out after {timeout:.0f} s", file=sys.stderr)
        return []
    if finished.returncode != 0:
        print(f"  {system} {workload}: exit status {finished.returncode}\n{finished.stderr[-3000:]}", file=sys.stderr)
        return []
    rows = []
    for line in finished.stdout.splitlines():
        line = line.strip()
        if line.startswith("{"):
            rows.append(json.loads(line))
    return rows


def points_of(rows: list[dict], workload: str) -> list[str | None]:
    """The points of a workload in the order the systems print them (None: a one-figure workload)."""
    points: list[str | None] = []
    for r in rows:
        if r["workload"] == workload and r.get("point") not in points:
            points.append(r.get("point"))
    return points


def aggregate(raw: list[dict]) -> list[dict]:
    """One row per (workload, point, system): median, min and max of the repetitions' values."""
    results = []
    for workload in WORKLOADS:
        for point in points_of(raw, workload):
            results += aggregate_point(raw, workload, point)
    return results


def aggregate_point(raw: list[dict], workload: str, point: str | None) -> list[dict]:
    """The rows of one point (all of a one-figure workload), one per system that ran it."""
    results = []
    for system in SYSTEMS:
        runs = [r for r in raw if r["workload"] == workload and r["system"] == system and r.get("point") == point]
        if not runs:
            continue
        values = sorted(r["value"] for r in runs)
        median = statistics.median(values)
        middle = min(runs, key=lambda r: abs(r["value"] - median))
        row = {"workload": workload, "system": system, "unit": runs[0]["unit"],
               "median": round(median, 1), "min": round(values[0], 1), "max": round(values[-1], 1),
               "method": runs[0]["method"], "repetitions": len(runs)}
        if point is not None:
            row["point"] = point
        for key in EXTRAS.get(workload, []):
            if key in middle:
                row[key] = middle[key]
        if workload == "W7":
            # No lost update ever: every repetition's final counter must equal its commits.
            row["lost_updates"] = sum(r.get("commits", 0) - r.get("final_counter", 0) for r in runs)
        if workload in ("W8", "W11"):
            row["timeouts"] = sum(r.get("timeouts", 0) for r in runs)
        if workload == "W10" and any("consistent" in r for r in runs):
            # Every balance equals the committed deltas, the history has one row per commit.
            row["inconsistent_runs"] = sum(1 for r in runs if r.get("consistent", 1) != 1)
        for key in ("allocations_per_call", "allocated_bytes_per_call"):
            if key in middle:
                row[key] = middle[key]
        if system in PROVISIONAL:
            row["provisional"] = PROVISIONAL[system]
        results.append(row)
    return results


# The raw rows of the run being published (latest.json's "runs"), for paired ratios.
RUNS: list[dict] = []


def paired(workload: str, peer: str, key: str = "value", point: str | None = None,
           their_key: str | None = None) -> list[float]:
    """Athanor's `key` over the peer's `their_key` (default the same), at `point`, one ratio per
    repetition that has both."""
    def by_repetition(system: str, key: str) -> dict[int, float]:
        return {r["repetition"]: r[key] for r in RUNS
                if r["workload"] == workload and r["system"] == system and r.get("point") == point
                and key in r and "repetition" in r}
    mine, theirs = by_repetition("athanor", key), by_repetition(peer, their_key or key)
    return [mine[k] / theirs[k] for k in sorted(mine) if k in theirs and theirs[k]]


def ratio(results: list[dict], workload: str, peer: str, point: str | None = None) -> float | None:
    """Athanor over the peer (higher is better for every unit): the median over the repetitions
    of the ratio within each repetition, where the two ran minutes apart. These machines drift
    between fast and slow spells that last longer than one system's run, so a ratio of medians
    can pair Athanor's slow spell with a peer's fast one; the paired ratio does not. Without raw
    runs (an old latest.json), the ratio of the medians."""
    pairs = paired(workload, peer, point=point)
    if pairs:
        return statistics.median(pairs)
    mine = find(results, workload, "athanor", point)
    theirs = find(results, workload, peer, point)
    if not mine or not theirs or not theirs["median"]:
        return None
    return mine["median"] / theirs["median"]


def find(results: list[dict], workload: str, system: str, point: str | None = None) -> dict | None:
    """The aggregated row of a system on a workload (at a point)."""
    return next((r for r in results if r["workload"] == workload and r["system"] == system
                 and r.get("point") == point), None)


# ---------------------------------------------------------------------------------------------
# Goals of issue 6, checked on the figures of this run.


def goals(results: list[dict]) -> list[tuple[str, str, str]]:
    """(workload, goal, verdict) for every goal of issue 6 (W1-W9) that this run's figures decide."""

    def get(workload: str, system: str) -> dict | None:
        return find(results, workload, system)

    checks = []
    for workload in WORKLOADS[:9]:
        athanor = get(workload, "athanor")
        if not athanor:
            continue
        peers = [p for p in ("asyncpg", "postgresnio") if get(workload, p)]
        if peers and workload != "W7":
            best = min(peers, key=lambda p: ratio(results, workload, p))
            r = ratio(results, workload, best)
            checks.append((workload, f"at least the faster of asyncpg and PostgresNIO ({best})",
                           f"{'met' if r >= 1 else 'missed'}: {r:.3f}x"))
        server = get(workload, "server")
        share = {"W1": 0.8, "W5": 0.8, "W6": 0.7, "W2": 0.7, "W3": 0.7, "W4": 0.7, "W9": 0.7}.get(workload)
        if server and share:
            r = ratio(results, workload, "server")
            checks.append((workload, f"at least {share:.0%} of the server",
                           f"{'met' if r >= share else 'missed'}: {r:.0%}"))
        if workload == "W7":
            lost = athanor.get("lost_updates", 0)
            checks.append(("W7", "no lost update", "met" if lost == 0 else f"MISSED: {lost} lost"))
            others = [get("W7", p) for p in ("asyncpg", "postgresnio", "advanced-alchemy") if get("W7", p)]
            if others:
                best = min(others, key=lambda o: ratio(results, "W7", o["system"]))
                r = ratio(results, "W7", best["system"])
                checks.append(("W7", f"tx/s at least the best peer's ({best['system']})",
                               f"{'met' if r >= 1 else 'missed'}: {r:.3f}x"))
        if workload == "W8":
            checks.append(("W8", "zero pool timeouts",
                           "met" if athanor.get("timeouts", 0) == 0 else f"MISSED: {athanor['timeouts']}"))
            nio = get("W8", "postgresnio")
            if nio:
                r = ratio(results, "W8", "postgresnio")
                checks.append(("W8", "throughput at least PostgresNIO's", f"{'met' if r >= 1 else 'missed'}: {r:.3f}x"))
                p99 = paired("W8", "postgresnio", "p99_ms")
                if p99:
                    q = statistics.median(p99)
                    checks.append(("W8", "p99 no worse than PostgresNIO's",
                                   f"{'met' if q <= 1 else 'missed'}: {q:.2f}x PostgresNIO's p99 (median of the repetitions; "
                                   f"{athanor['p99_ms']:.1f} ms vs {nio['p99_ms']:.1f} ms in the median repetitions)"))
        if workload == "W9" and "peak_rss_bytes" in athanor:
            others = [get("W9", p) for p in ("asyncpg", "postgresnio", "advanced-alchemy")
                      if get("W9", p) and "peak_rss_bytes" in get("W9", p)]
            if others:
                lowest = min(o["peak_rss_bytes"] for o in others)
                ok = athanor["peak_rss_bytes"] < lowest
                checks.append(("W9", "peak resident memory below every peer's",
                               f"{'met' if ok else 'missed'}: {mib(athanor['peak_rss_bytes'])} vs {mib(lowest)}"))
            if athanor.get("input_bytes"):
                r = athanor.get("call_growth_bytes", 0) / athanor["input_bytes"]
                checks.append(("W9", "growth during the call under 1.5x the input",
                               f"{'met' if r < 1.5 else 'missed'}: {r:.2f}x"))
    return checks


# ---------------------------------------------------------------------------------------------
# Goals of issue 16 (the server's own speed, W10, W11), checked on the paired ratios of this run.

# The goals' rule: medians of at least this many repetitions; fewer give an indicative verdict.
GOAL_REPETITIONS = 5


class Goal:
    """One goal of issue 16 in this run: what it asks, the paired figure, and whether it is met
    (None: this run cannot tell, e.g. a system did not run)."""

    def __init__(self, workload: str, goal: str, figure: str, met: bool | None) -> None:
        self.workload, self.goal, self.figure, self.met = workload, goal, figure, met

    def verdict(self, repetitions: int, load_caveat: str | None = None) -> str:
        """"met" or "missed", marked indicative when the run cannot decide: fewer repetitions than
        the goals' rule, or a machine loaded beyond its cores (or whose load was not recorded)."""
        if self.met is None:
            return "not measured in this run"
        word = "met" if self.met else "missed"
        reasons = []
        if repetitions < GOAL_REPETITIONS:
            reasons.append(f"{repetitions} repetition{'s' if repetitions != 1 else ''} < {GOAL_REPETITIONS}")
        if load_caveat:
            reasons.append(load_caveat)
        return f"{word} (indicative: {', '.join(reasons)})" if reasons else word


def load_caveat(report: dict) -> str | None:
    """Why the run's load keeps it from deciding a goal: its median load above the machine's cores,
    or no load recorded (runs before the harness recorded it); None for a quiet run."""
    load = report.get("load")
    if not load:
        return "load not recorded"
    return "loaded machine" if load["median"] > load["cores"] else None


def median_or_none(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def goals16(results: list[dict]) -> list[Goal]:
    """Every goal of issue 16 that this run's figures decide, in the issue's order."""
    checks: list[Goal] = []

    def share(workload: str, goal: str, minimum: float, peer: str = "server", point: str | None = None,
              key: str = "value") -> None:
        if not find(results, workload, "athanor", point) or not find(results, workload, peer, point):
            return
        q = median_or_none(paired(workload, peer, key=key, point=point, their_key="value"))
        if q is None and key == "value":
            q = ratio(results, workload, peer, point)
        if q is not None:
            figure = f"{q:.0%}" if peer == "server" else f"{q:.2f}x"
            checks.append(Goal(workload + (f" ({point})" if point else ""), goal, figure, q >= minimum))

    for w in ("W1", "W5", "W6"):
        share(w, ">= 90% of pgbench, one leased connection", 0.9)
        share(w, ">= 85% of pgbench with a lease per call", 0.85, key="lease_per_call")
    copies = [p for p in ("asyncpg", "postgresnio") if find(results, "W2", p)]
    if find(results, "W2", "athanor") and copies:
        faster = min(copies, key=lambda p: ratio(results, "W2", p))
        q = ratio(results, "W2", faster)
        checks.append(Goal("W2", f"copyMany >= 1.3x the faster peer's COPY ({faster})", f"{q:.2f}x", q >= 1.3))
    for w in ("W3", "W4", "W9"):
        share(w, ">= 90% of the server's INSERT ... SELECT ... ON CONFLICT", 0.9)
    athanor8 = find(results, "W8", "athanor")
    if athanor8:
        share("W8", ">= 80% of pgbench -c 12", 0.8)
        if find(results, "W8", "postgresnio"):
            q = median_or_none(paired("W8", "postgresnio", "p99_ms"))
            if q is not None:
                checks.append(Goal("W8", "p99 <= 0.5x PostgresNIO's", f"{q:.2f}x", q <= 0.5))
        checks.append(Goal("W8", "0 pool timeouts", str(athanor8.get("timeouts", 0)), athanor8.get("timeouts", 0) == 0))
    athanor9 = find(results, "W9", "athanor")
    if athanor9 and athanor9.get("input_bytes"):
        q = athanor9.get("call_growth_bytes", 0) / athanor9["input_bytes"]
        checks.append(Goal("W9", "memory: growth during the call <= 1.0x the input", f"{q:.2f}x", q <= 1.0))
        peaks = [find(results, "W9", p) for p in ("asyncpg", "postgresnio", "advanced-alchemy")]
        peaks = [r["peak_rss_bytes"] for r in peaks if r and "peak_rss_bytes" in r]
        if peaks and "peak_rss_bytes" in athanor9:
            checks.append(Goal("W9", "memory: peak below every peer's",
                               f"{mib(athanor9['peak_rss_bytes'])} vs {mib(min(peaks))}",
                               athanor9["peak_rss_bytes"] < min(peaks)))
    if not points_of(results, "W10"):
        checks.append(Goal("W10", "at 1 and 8 clients: >= 80% of pgbench -b tpcb-like, ahead of asyncpg and PostgresNIO",
                           "-", None))
    if not points_of(results, "W11"):
        checks.append(Goal("W11", "at every point: throughput >= PostgresNIO's and p99 <= PostgresNIO's", "-", None))
    for point in points_of(results, "W10"):
        share("W10", ">= 80% of pgbench -b tpcb-like", 0.8, point=point)
        for peer in ("asyncpg", "postgresnio"):
            share("W10", f"ahead of {peer}", 1.0, peer=peer, point=point)
        mine = find(results, "W10", "athanor", point)
        if mine and "inconsistent_runs" in mine:
            checks.append(Goal(f"W10 ({point})", "balances equal the committed deltas, one history row per commit",
                               f"{mine['inconsistent_runs']} inconsistent runs", mine["inconsistent_runs"] == 0))
    for point in points_of(results, "W11"):
        if not find(results, "W11", "athanor", point) or not find(results, "W11", "postgresnio", point):
            continue
        q = ratio(results, "W11", "postgresnio", point)
        p99 = median_or_none(paired("W11", "postgresnio", "p99_ms", point=point))
        ok = q >= 1 and p99 is not None and p99 <= 1
        checks.append(Goal(f"W11 ({point})", "throughput >= PostgresNIO's and p99 <= PostgresNIO's",
                           f"{q:.2f}x the throughput, " + (f"{p99:.2f}x the p99" if p99 is not None else "no p99"), ok))
    return checks


# ---------------------------------------------------------------------------------------------
# Output: the table, latest.json, the plot, docs/benchmarks.md.


def mib(n: float) -> str:
    return f"{n / 1048576:.1f} MiB"


def figure(value: float) -> str:
    return f"{value:,.0f}" if value >= 100 else f"{value:,.1f}"


def extras_text(row: dict) -> str:
    w = row["workload"]
    if w == "W7" and "commits" in row:
        return f"commits {row['commits']}, retries {row['retries']}, final {row['final_counter']}"
    if w == "W8" and "p99_ms" in row:
        return f"p50 {row['p50_ms']:.1f} ms, p99 {row['p99_ms']:.1f} ms, timeouts {row['timeouts']}"
    if w == "W9" and "peak_rss_bytes" in row:
        text = f"peak {mib(row['peak_rss_bytes'])}"
        if "input_bytes" in row:
            text += f", input {mib(row['input_bytes'])}, call growth {mib(row['call_growth_bytes'])}"
        return text
    if w == "W10" and "commits" in row:
        text = f"commits {row['commits']}, retries {row['retries']}"
        if "inconsistent_runs" in row:
            text += ", balances " + ("consistent" if row["inconsistent_runs"] == 0 else f"INCONSISTENT in {row['inconsistent_runs']} runs")
        return text
    if w == "W11" and "p99_ms" in row:
        return (f"p50 {row['p50_ms']:.1f} ms, p99 {row['p99_ms']:.1f} ms, timeouts {row['timeouts']}, "
                f"{row['threads']} threads, RSS {mib(row['rss_bytes'])} (peak {mib(row['peak_rss_bytes'])}), "
                f"{row['context_switches_per_s']:,.0f} context switches/s, {row['client_cpu_us_per_get']:.0f} µs CPU/get")
    if w == "W2" and "create_many_rows_per_s" in row:
        return f"createMany (returns the rows): {row['create_many_rows_per_s']:,.0f} rows/s"
    text = ""
    if "allocations_per_call" in row:
        text = f"{row['allocations_per_call']:.0f} allocations/call"
    if "lease_per_call" in row:
        text += (", " if text else "") + f"a lease per call: {row['lease_per_call']:,.0f}"
        if "lease_per_call_allocations_per_call" in row:
            text += f" ({row['lease_per_call_allocations_per_call']:.0f} allocations/call)"
    return text


def table_rows(results: list[dict]) -> list[list[str]]:
    """The main table: every workload but W11, whose sweep has a table of its own."""
    rows = []
    for r in results:
        if r["workload"] == "W11":
            continue
        ratios = ""
        if r["system"] != "athanor":
            q = ratio(results, r["workload"], r["system"], r.get("point"))
            ratios = f"{q:.2f}x" if q is not None else ""
        system = r["system"] + (" (provisional)" if "provisional" in r else "")
        workload = r["workload"] + (f" {r['point']}" if "point" in r else "")
        rows.append([workload, system, r["unit"], figure(r["median"]), figure(r["min"]), figure(r["max"]),
                     ratios, extras_text(r), r["method"]])
    return rows


HEADER = ["workload", "system", "unit", "median", "min", "max", "athanor / this", "details", "method"]


SWEEP_HEADER = ["pool", "tasks", "athanor ops/s", "postgresnio ops/s", "athanor / postgresnio",
                "p99 ms athanor", "p99 ms postgresnio", "p99 athanor / postgresnio", "threads", "RSS MiB",
                "context switches/s", "CPU µs/get", "goal"]


def sweep_rows(results: list[dict], repetitions: int, caveat: str | None = None) -> list[list[str]]:
    """W11: one row per point, Athanor beside PostgresNIO (process figures "athanor / postgresnio")."""
    rows = []
    for point in points_of(results, "W11"):
        mine, theirs = find(results, "W11", "athanor", point), find(results, "W11", "postgresnio", point)
        if not mine and not theirs:
            continue
        some = mine or theirs

        def both(key: str, form) -> str:
            return " / ".join(form(r[key]) if r and key in r else "-" for r in (mine, theirs))

        q = ratio(results, "W11", "postgresnio", point) if mine and theirs else None
        p99 = median_or_none(paired("W11", "postgresnio", "p99_ms", point=point)) if mine and theirs else None
        goal = Goal("W11", "", "", None if q is None or p99 is None else (q >= 1 and p99 <= 1))
        rows.append([some.get("pool", ""), str(some.get("tasks", "")),
                     figure(mine["median"]) if mine else "-", figure(theirs["median"]) if theirs else "-",
                     f"{q:.2f}x" if q is not None else "-",
                     f"{mine['p99_ms']:.1f}" if mine else "-", f"{theirs['p99_ms']:.1f}" if theirs else "-",
                     f"{p99:.2f}x" if p99 is not None else "-",
                     both("threads", str), both("rss_bytes", lambda b: f"{b / 1048576:.0f}"),
                     both("context_switches_per_s", lambda v: f"{v:,.0f}"),
                     both("client_cpu_us_per_get", lambda v: f"{v:.0f}"), goal.verdict(repetitions, caveat)])
    return rows


def print_rows(rows: list[list[str]]) -> None:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for k, row in enumerate(rows):
        print("  ".join(cell.rjust(widths[i]) for i, cell in enumerate(row)))
        if k == 0:
            print("  ".join("-" * w for w in widths))


def print_table(results: list[dict]) -> None:
    rows = [HEADER] + [row[:8] for row in table_rows(results)]
    rows[0] = HEADER[:8]
    widths = [max(len(row[i]) for row in rows) for i in range(8)]
    for k, row in enumerate(rows):
        print("  ".join(cell.ljust(widths[i]) if i < 2 or i == 7 else cell.rjust(widths[i]) for i, cell in enumerate(row)))
        if k == 0:
            print("  ".join("-" * w for w in widths))


def plot(results: list[dict], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    # One panel per workload; W11's sweep takes two (throughput and p99 against the task count).
    panels = [(w, kind) for w in WORKLOADS if any(r["workload"] == w for r in results)
              for kind in (("rate", "p99") if w == "W11" else ("bars",))]
    columns = 3
    lines = (len(panels) + columns - 1) // columns
    fig, axes = plt.subplots(lines, columns, figsize=(5.2 * columns, 3.6 * lines), squeeze=False)
    colours = {"athanor": "#c0392b", "postgresnio": "#e67e22", "asyncpg": "#2980b9",
               "advanced-alchemy": "#8e44ad", "server": "#7f8c8d"}
    for k, (workload, kind) in enumerate(panels):
        ax = axes[k // columns][k % columns]
        if kind != "bars":
            sweep_panel(ax, results, workload, kind, colours)
            continue
        rows = [r for point in points_of(results, workload) for s in SYSTEMS for r in results
                if r["workload"] == workload and r["system"] == s and r.get("point") == point]
        names = [r["system"] for r in rows]
        medians = [r["median"] for r in rows]
        errors = [[r["median"] - r["min"] for r in rows], [r["max"] - r["median"] for r in rows]]
        bars = ax.bar(range(len(rows)), medians, yerr=errors, capsize=3,
                      color=[colours[n] for n in names])
        for bar, row in zip(bars, rows):
            if row["system"] == "athanor":
                continue
            q = ratio(results, workload, row["system"], row.get("point"))
            if q is not None:
                ax.annotate(f"{q:.2f}x", (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                            ha="center", va="bottom", fontsize=8, xytext=(0, 3), textcoords="offset points")
        ax.set_xticks(range(len(rows)))
        ax.set_xticklabels([r["system"].replace("advanced-alchemy", "adv.-alchemy") + (f"\n{r['point']}" if "point" in r else "")
                            for r in rows], rotation=20, fontsize=7 if len(rows) > 5 else 8)
        ax.set_title(TITLES[workload], fontsize=10)
        ax.set_ylabel(rows[0]["unit"] if rows else "", fontsize=8)
        ax.tick_params(axis="y", labelsize=8)
        ax.margins(y=0.15)
    for k in range(len(panels), lines * columns):
        axes[k // columns][k % columns].axis("off")
    fig.suptitle("Athanor and its peers (median of the repetitions, whiskers min-max; "
                 "labels: Athanor's median / that system's)", fontsize=10)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def sweep_panel(ax, results: list[dict], workload: str, kind: str, colours: dict[str, str]) -> None:
    """W11: throughput (kind "rate") or p99 ("p99") against the task count, one line per system and pool."""
    rows = [r for r in results if r["workload"] == workload and "tasks" in r]
    for system in SYSTEMS:
        for k, pool in enumerate(sorted({r["pool"] for r in rows}, key=lambda p: int(p.split("+")[0]))):
            line = sorted((r for r in rows if r["system"] == system and r["pool"] == pool), key=lambda r: r["tasks"])
            if line:
                ax.plot([r["tasks"] for r in line], [r["median"] if kind == "rate" else r["p99_ms"] for r in line],
                        marker="o", linestyle="-" if k == 0 else "--", color=colours[system], label=f"{system}, pool {pool}")
    ax.set_xscale("log", base=2)
    if kind == "p99":
        ax.set_yscale("log")
    ax.set_xlabel("tasks", fontsize=8)
    ax.set_ylabel("ops/s (median)" if kind == "rate" else "p99 ms (median repetition)", fontsize=8)
    ax.set_title(TITLES[workload] + (": throughput" if kind == "rate" else ": p99"), fontsize=10)
    ax.tick_params(labelsize=8)
    ax.legend(fontsize=7)


def markdown(report: dict, checks: list[tuple[str, str, str]], checks16: list[Goal]) -> str:
    results = report["results"]
    repetitions = report["repetitions"]
    out = [
        "# Benchmarks",
        "",
        "Athanor against the peers of `../shared/reference/workloads.md` (W1-W11), every system on every",
        "workload in one run, interleaved, on a throwaway PostgreSQL on loopback with fsync on. Generated by",
        "`scripts/bench` (do not edit by hand); the raw figures are in",
        "[`Benchmarks/results/latest.json`](../Benchmarks/results/latest.json).",
        "",
        f"- Machine: {report['machine']}",
        f"- Server: PostgreSQL {report['server']}",
        f"- Repetitions: {report['repetitions']} (median, min, max of the repetitions)",
        f"- Run: {report['date']}, {report['duration_s'] / 60:.0f} minutes",
        f"- Versions: {report['versions']}",
        f"- Load: {load_text(report)}",
        "",
        "![Athanor and its peers](../Benchmarks/results/latest.png)",
        "",
    ]
    provisional = {r["system"]: r["provisional"] for r in results if "provisional" in r}
    if provisional:
        out += ["**Provisional figures.** " + " ".join(f"`{s}`: {why}." for s, why in provisional.items()), ""]
    out += [
        "Higher is better everywhere. `athanor / this` is the median over the repetitions of Athanor's figure over",
        "that system's in the same repetition (paired: the machine drifts between fast and slow spells longer",
        "than one system's run, so a ratio of the two medians can pair a slow spell with a fast one); the goals",
        "below use the same paired ratios.",
        "W1 commits wait on the disk's fsync, which drifts a lot on these machines: compare W1 only within one run.",
        "",
        "| " + " | ".join(HEADER) + " |",
        "|" + "|".join("---" for _ in HEADER) + "|",
    ]
    for row in table_rows(results):
        out.append("| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |")
    sweep = sweep_rows(results, repetitions, load_caveat(report))
    if sweep:
        out += [
            "",
            "### W11: the concurrency sweep",
            "",
            "W8's get by id from 1 to 1,024 tasks on two pools, Athanor beside PostgresNIO: the rates are medians of",
            "the repetitions, the ratios paired; p99, threads (at the end of the point, pool open), resident memory,",
            "context switches per second (voluntary + involuntary, every thread: `getrusage`) and client CPU per get",
            "are those of the median repetition (athanor / postgresnio). Goal: Athanor's throughput >= PostgresNIO's",
            "and its p99 <= PostgresNIO's at every point.",
            "",
            "| " + " | ".join(SWEEP_HEADER) + " |",
            "|" + "|".join("---" for _ in SWEEP_HEADER) + "|",
        ]
        out += ["| " + " | ".join(row) + " |" for row in sweep]
    out += [
        "",
        "Notes on the methods:",
        "",
        "- Athanor runs through the generated `UserRepository` (AthanorPlugin on `schemas/Shop.schema`, target",
        "  `Benchmarks/Sources/BenchModels`), as a user writes it; its values are built as `User`s before the clock",
        "  starts. W7's counter has no model in Shop.schema: it goes through the runtime inside `pool.transaction`.",
        "- W2 is each system's COPY: Athanor's generated `copyMany` (binary COPY inside a transaction, returns",
        "  the count, like the peers' COPY). Athanor's `createMany`, which returns the 10,000 stored rows",
        "  (`INSERT ... SELECT FROM unnest(...) RETURNING` per 5,000 rows), is measured after it on an emptied",
        "  table, in the extras column.",
        "- W1, W5, W6 (sequential calls): each system runs them on one connection, as pgbench does: asyncpg on",
        "  one connection, Athanor with `pool.withConnection { UserRepository($0) }`, PostgresNIO with",
        "  `client.withConnection`. The Swift systems then run the same loop with a lease per call",
        "  (`UserRepository(pool)`, `client.execute`), shown as \"a lease per call\" (`lease_per_call` in the JSON).",
        "- Bulk rows travel as `unnest` of one array per column in Athanor, PostgresNIO and asyncpg alike,",
        "  `roles` as one text[] literal per row, cast back in SQL.",
        "- PostgresNIO's `PostgresClient` has no lease timeout: its W8 waits without a bound (0 timeouts by construction).",
        "- pgbench cannot walk the seeded ids in order: it draws row i at random (W5, W8); its W1 draws i from",
        "  a range wide enough that emails never collide.",
        "- The server's W3, W4, W9 run the clients' statement with its rows from generate_series, RETURNING into",
        "  a count; W2 is COPY from a CSV file on the server's disk. W7 has no server figure.",
        "- Allocations per call (W1, W5, Swift systems) count every malloc/calloc/realloc of the process, all",
        "  threads, over 200 calls after the timed loop (`Benchmarks/Sources/CMallocCounter`).",
        "- W10 (pgbench's TPC-B-like transaction, 2,000 transactions per client count, each retried as a unit",
        "  on 40001/40P01): the clients run on `Bank.schema`'s copy of pgbench's scale-1 tables (an Athanor model",
        "  needs an `id`; fillers as wide as pgbench's), pgbench on its own (`pgbench -i -s 1`). asyncpg and",
        "  PostgresNIO send pgbench's statements, one connection per client; Athanor goes through the generated",
        "  repositories inside `pool.transaction`: partial updates (`update(id, set: [balance.increment(by:)])`,",
        "  the account's returning the row: the read) and `HistoryRepository(tx).create`. After each point the",
        "  clients check that every table's balances and the history's deltas equal their committed deltas.",
        "- W11 runs 16,384 gets per point, split between the tasks (each point bounded at 60 s), after a warm-up",
        "  of 2 gets per task that opens the point's connections.",
    ]
    if checks16:
        note = ""
        if repetitions < GOAL_REPETITIONS:
            note += (f" This run has {repetitions} repetition{'s' if repetitions != 1 else ''}: the goals ask for"
                     f" medians of at least {GOAL_REPETITIONS}, so every verdict below is indicative only.")
        if load_caveat(report) == "loaded machine":
            note += " The machine was loaded beyond its cores during the run: no verdict below decides a goal."
        elif load_caveat(report):
            note += " This run did not record the machine's load: its verdicts are indicative."
        out += ["", "## Goals of issue 16 in this run", "",
                "Each goal's figure is the paired ratio of this run (Athanor over the other system, repetition by"
                " repetition, then the median)." + note, "",
                "| workload | goal | this run | verdict |", "|---|---|---|---|"]
        out += [f"| {g.workload} | {g.goal} | {g.figure} | {g.verdict(repetitions, load_caveat(report))} |" for g in checks16]
    if checks:
        out += ["", "## Goals of issue 6 in this run", "", "| workload | goal | this run |", "|---|---|---|"]
        out += [f"| {w} | {g} | {v} |" for w, g, v in checks]
    out += [
        "",
        "## How to run",
        "",
        "```sh",
        "scripts/bench --repetitions 5                    # everything, as the goals ask (30 minutes or more)",
        "scripts/bench --workloads W1,W5 --systems athanor,asyncpg --repetitions 1",
        "DATABASE_URL=postgresql://... scripts/bench      # an existing server (W2's COPY file needs it local)",
        "```",
        "",
        "Each system is a command that runs one workload once and prints JSON rows: the Swift ones are",
        "`Benchmarks/.build/release/bench-athanor` and `bench-postgresnio` (package `Benchmarks/`), the",
        "Python ones are under `Benchmarks/peers/` (venv `Benchmarks/.venv`, made by",
        "`Benchmarks/peers/make-venv`), the server's own limit is `Benchmarks/server/server_bench.py`",
        "(pgbench and psql). The harness is `Benchmarks/harness/bench.py`.",
        "",
    ]
    # Hand-written findings (profiles, before/after figures, next steps) survive each regeneration.
    notes = BENCHMARKS / "results" / "notes.md"
    if notes.exists():
        out += [notes.read_text().rstrip(), ""]
    return "\n".join(out)


def load_text(report: dict) -> str:
    """The machine's 1-minute load average before each system's run: the figures' context."""
    load = report.get("load")
    if not load:
        return "not recorded"
    text = f"1-minute load average {load['median']} (median before each system's run), up to {load['max']}, on {load['cores']} cores"
    if load["median"] > load["cores"]:
        text += ": a loaded machine, whose rates are noise; only the paired ratios mean something, and no goal is decided by it"
    return text


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f", {int(line.split()[1]) / 1048576:.1f} GiB RAM"
    except OSError:
        pass
    return f"{platform.system()} {platform.release()} {platform.machine()}, {os.cpu_count()} cores ({cpu}){memory}"


def versions() -> str:
    try:
        from importlib.metadata import version

        python = (f"advanced-alchemy {version('advanced-alchemy')}, SQLAlchemy {version('sqlalchemy')}, "
                  f"asyncpg {version('asyncpg')}, Python {platform.python_version()}")
    except Exception:  # noqa: BLE001 - informational only
        python = f"Python {platform.python_version()}"
    swift = subprocess.run(["swift", "--version"], capture_output=True, text=True).stdout.splitlines()
    nio = ""
    resolved = BENCHMARKS / "Package.resolved"
    if resolved.exists():
        for pin in json.loads(resolved.read_text()).get("pins", []):
            if pin.get("identity") == "postgres-nio":
                nio = f"postgres-nio {pin['state'].get('version')}, "
    return nio + python + (f", {swift[0].strip()}" if swift else "")


# ---------------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=os.environ.get("DATABASE_URL"))
    parser.add_argument("--users-ddl", type=Path, help="the CREATE TABLE users (and index) DDL (required to run)")
    parser.add_argument("--bank-ddl", type=Path, help="W10's tables: the DDL of Benchmarks/Sources/BenchModels/Bank.schema")
    parser.add_argument("--render-only", action="store_true",
                        help="run nothing: rewrite the table, plot and docs from results/latest.json")
    parser.add_argument("--repetitions", type=int, default=3)
    parser.add_argument("--workloads", default=",".join(WORKLOADS))
    parser.add_argument("--systems", default=",".join(SYSTEMS))
    parser.add_argument("--timeout", type=float, default=1200, help="seconds one system may take on one workload")
    parser.add_argument("--results", type=Path, default=BENCHMARKS / "results")
    parser.add_argument("--docs", type=Path, default=ROOT / "docs" / "benchmarks.md",
                        help="the Markdown page to write ('-' for none)")
    arguments = parser.parse_args()
    if arguments.render_only:
        report = json.loads((arguments.results / "latest.json").read_text())
        publish(report, arguments)
        return
    if not arguments.url:
        parser.error("no --url and no DATABASE_URL")
    if not arguments.users_ddl:
        parser.error("--users-ddl is required")
    workloads = [w.strip().upper() for w in arguments.workloads.split(",") if w.strip()]
    systems = [s.strip() for s in arguments.systems.split(",") if s.strip()]
    for w in workloads:
        if w not in WORKLOADS:
            parser.error(f"unknown workload {w}")
    if "W10" in workloads and not arguments.bank_ddl:
        parser.error("W10 needs --bank-ddl")
    for s in systems:
        if s not in SYSTEMS:
            parser.error(f"unknown system {s} (one of {', '.join(SYSTEMS)})")

    started = time.monotonic()
    bank_ddl = arguments.bank_ddl.read_text() if arguments.bank_ddl else None
    server = asyncio.run(setup(arguments.url, arguments.users_ddl.read_text(), bank_ddl))
    raw: list[dict] = []
    loads: list[float] = []
    for repetition in range(1, arguments.repetitions + 1):
        for workload in workloads:
            shift = (repetition - 1) % len(systems)
            for system in systems[shift:] + systems[:shift]:
                if system not in SUPPORTED.get(workload, SYSTEMS) or not include_stream.runs(workload, system):
                    continue
                loads.append(os.getloadavg()[0])
                asyncio.run(prepare(arguments.url, workload))
                rows = run_system(system, workload, repetition, arguments.url, arguments.timeout)
                for row in rows:
                    row["repetition"] = repetition
                raw += rows
                shown = ", ".join(f"{r['value']:,.0f} {r['unit']}" for r in rows) or "no figure"
                print(f"[{repetition}/{arguments.repetitions}] {workload} {system}: {shown}", file=sys.stderr, flush=True)

    results = aggregate(raw)
    report = {
        "machine": machine(),
        "server": f"PostgreSQL {server}",
        "repetitions": arguments.repetitions,
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "duration_s": round(time.monotonic() - started),
        "versions": versions(),
        "load": {"median": round(statistics.median(loads), 1), "max": round(max(loads), 1),
                 "cores": os.cpu_count()} if loads else None,
        "results": results,
        "runs": raw,
    }
    arguments.results.mkdir(parents=True, exist_ok=True)
    (arguments.results / "latest.json").write_text(json.dumps(report, indent=1) + "\n")
    publish(report, arguments)


def publish(report: dict, arguments: argparse.Namespace) -> None:
    """Prints the table and the goals, and writes the plot and the Markdown page."""
    results = report["results"]
    RUNS[:] = report.get("runs", [])
    print()
    print_table(results)
    sweep = sweep_rows(results, report["repetitions"], load_caveat(report))
    if sweep:
        print("\nW11, the concurrency sweep (athanor / postgresnio where two figures share a column)")
        print_rows([SWEEP_HEADER] + sweep)
    checks = goals(results)
    if checks:
        print()
        for w, g, v in checks:
            print(f"{w}  {g}: {v}")
    checks16 = goals16(results)
    if checks16:
        print(f"\nGoals of issue 16 (load: {load_text(report)})")
        for g in checks16:
            print(f"{g.workload}  {g.goal}: {g.figure}, {g.verdict(report['repetitions'], load_caveat(report))}")
    try:
        plot(results, arguments.results / "latest.png")
    except Exception as error:  # noqa: BLE001 - the figures matter more than the picture
        print(f"bench: no plot ({error})", file=sys.stderr)
    if str(arguments.docs) != "-":
        server = report["server"].removeprefix("PostgreSQL ")
        arguments.docs.write_text(markdown(dict(report, server=server), checks, checks16))
    written = ([] if arguments.render_only else [arguments.results / "latest.json"]) + [arguments.results / "latest.png"]
    if str(arguments.docs) != "-":
        written.append(arguments.docs)
    print("\nwrote " + ", ".join(map(str, written)), file=sys.stderr)


if __name__ == "__main__":
    main()
