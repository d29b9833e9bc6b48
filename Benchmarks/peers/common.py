"""What the Python peers share: the command line, the rows of workloads.md, timing, memory.

Every system of scripts/bench is an external command with the same contract:

    <command> --workload W3 --repetition 1        (DATABASE_URL in the environment)

It runs ONE workload once, on the state the harness prepared (see Benchmarks/harness/bench.py),
and prints one JSON object per line on stdout:

    {"workload": "W3", "system": "asyncpg", "unit": "rows/s", "value": 31234.5,
     "method": "INSERT ... SELECT FROM unnest(...) ON CONFLICT (email) ...", ...extras}

The harness turns the values of the repetitions into median, min and max. Extras: W7 `commits`,
`retries`, `final_counter`; W8 `p50_ms`, `p99_ms`, `timeouts`; W9 `peak_rss_bytes`.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
import uuid
from dataclasses import dataclass
from typing import Any, Callable

# ---------------------------------------------------------------------------------------------
# The workloads (fixed by ../shared/reference/workloads.md; the sizes are not tuning knobs).

W1_CREATES = 5_000
W2_ROWS = 10_000
W3_ROWS = 10_000
W5_GETS = 5_000
W6_LISTS = 2_000
W6_PAGE = 50
W7_TASKS = 8
W7_TRANSACTIONS = 200
W8_TASKS = 64
W8_GETS_PER_TASK = 200
W8_POOL_SIZE = 8
W8_MAX_OVERFLOW = 4
W8_POOL_TIMEOUT_S = 30.0
W9_ROWS = 100_000
# W10: transactions per client count (split evenly between the clients), the client counts, and
# pgbench's scale-1 tables (1 branch, 10 tellers, 100,000 accounts).
W10_TRANSACTIONS = 2_000
W10_CLIENTS = [1, 8]
W10_BRANCHES = 1
W10_TELLERS = 10
W10_ACCOUNTS = 100_000

# The email prefix of each writing workload. W4 upserts W3's emails (the harness preloads them).
PREFIX = {"W1": "w1-", "W2": "w2-", "W3": "w3-", "W4": "w3-", "W9": "w9-"}

UNITS = {
    "W1": "rows/s", "W2": "rows/s", "W3": "rows/s", "W4": "rows/s", "W5": "ops/s",
    "W6": "ops/s", "W7": "tx/s", "W8": "ops/s", "W9": "rows/s", "W10": "tx/s", "W11": "ops/s",
}

# W7's retry loop, the same in every system: retry on 40001 (and 40P01) with capped exponential
# backoff and full jitter, sleep = random(0, min(cap, base * 2^(retry-1))). Athanor's pool runs
# the same policy (RetryPolicy(maxAttempts: 1000, baseDelay: 2 ms, maxDelay: 100 ms)).
W7_BACKOFF_BASE_S = 0.002
W7_BACKOFF_CAP_S = 0.100
W7_MAX_ATTEMPTS = 1_000


# W10's statements on Bank.schema's copy of pgbench's tables: pgbench's tpcb-like script, with
# the copy's names (w10_accounts.balance for pgbench_accounts.abalance, ...).
W10_UPDATE_ACCOUNT = "UPDATE w10_accounts SET balance = balance + $1 WHERE id = $2"
W10_READ_ACCOUNT = "SELECT balance FROM w10_accounts WHERE id = $1"
W10_UPDATE_TELLER = "UPDATE w10_tellers SET balance = balance + $1 WHERE id = $2"
W10_UPDATE_BRANCH = "UPDATE w10_branches SET balance = balance + $1 WHERE id = $2"
W10_INSERT_HISTORY = ("INSERT INTO w10_history (teller_id, branch_id, account_id, delta, mtime) "
                      "VALUES ($1, $2, $3, $4, CURRENT_TIMESTAMP)")
# After a point: the balances of each table and the history, which must all equal the deltas of
# the transactions committed so far (the tables start at 0), and the history's rows, the commits.
W10_TOTALS = ("SELECT (SELECT sum(balance) FROM w10_branches), (SELECT sum(balance) FROM w10_tellers), "
              "(SELECT sum(balance) FROM w10_accounts), (SELECT coalesce(sum(delta), 0) FROM w10_history), "
              "(SELECT count(*) FROM w10_history)")


def w10_consistent(totals: tuple, delta_sum: int, commits: int) -> bool:
    """Whether W10_TOTALS' row matches the client's committed deltas and commits."""
    return all(int(total) == delta_sum for total in totals[:4]) and int(totals[4]) == commits


def w10_draw() -> tuple[int, int, int, int]:
    """One TPC-B-like transaction's (account, teller, branch, delta), drawn as pgbench's
    tpcb-like script draws them: each uniform and independent of the others."""
    return (random.randint(1, W10_ACCOUNTS), random.randint(1, W10_TELLERS), random.randint(1, W10_BRANCHES),
            random.randint(-5000, 5000))


def w10_point(clients: int) -> str:
    return f"{clients} client" + ("s" if clients > 1 else "")


def w7_backoff(retry: int) -> float:
    """The delay in seconds before retry number `retry` (1 for the first retry)."""
    ceiling = min(W7_BACKOFF_CAP_S, W7_BACKOFF_BASE_S * (2 ** min(retry - 1, 30)))
    return random.uniform(0.0, ceiling)


# ---------------------------------------------------------------------------------------------
# Rows: row i has email <prefix>i@example.com, name "User i" ("User i v2" in W4), nickname NULL
# for every third row and nick<i> otherwise, login_count i % 100, a four-key JSON object, and
# roles {user} or {user,admin} (every tenth row).


@dataclass(slots=True)
class UserRow:
    id: uuid.UUID
    email: str
    name: str
    nickname: str | None
    login_count: int
    preferences: dict[str, Any]
    roles: list[str]


def preferences(i: int) -> dict[str, Any]:
    """The small JSON object of row i (four keys)."""
    return {"theme": "dark" if i % 2 else "light", "lang": "en", "digest": i % 7 == 0, "page_size": 25}


def make_row(prefix: str, i: int, v2: bool = False) -> UserRow:
    return UserRow(
        id=uuid.uuid4(),
        email=f"{prefix}{i}@example.com",
        name=f"User {i} v2" if v2 else f"User {i}",
        nickname=None if i % 3 == 0 else f"nick{i}",
        login_count=i % 100,
        preferences=preferences(i),
        roles=["user", "admin"] if i % 10 == 0 else ["user"],
    )


def make_rows(workload: str, count: int) -> list[UserRow]:
    return [make_row(PREFIX[workload], i, v2=workload == "W4") for i in range(count)]


# ---------------------------------------------------------------------------------------------
# Memory, from the OS: writing 5 to /proc/self/clear_refs resets VmHWM (the peak) to VmRSS.


def reset_peak_rss() -> None:
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
    except OSError:
        pass  # not Linux, or not allowed: the peak then covers the whole process


def proc_status_bytes(field: str) -> int:
    """VmHWM or VmRSS of this process, in bytes."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    return 0


# ---------------------------------------------------------------------------------------------
# Timing and output.


def percentile(sorted_values: list[float], fraction: float) -> float:
    """Nearest-rank percentile of an ascending list."""
    if not sorted_values:
        return 0.0
    rank = max(1, min(len(sorted_values), int(round(fraction * len(sorted_values) + 0.5))))
    return sorted_values[rank - 1]


class Clock:
    """A monotonic stopwatch."""

    def __init__(self) -> None:
        self.start = time.perf_counter()

    def seconds(self) -> float:
        return time.perf_counter() - self.start


def emit(workload: str, system: str, value: float, method: str, **extras: Any) -> None:
    row = {"workload": workload, "system": system, "unit": UNITS[workload], "value": value, "method": method}
    row.update(extras)
    print(json.dumps(row), flush=True)


def parse_arguments(system: str, description: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog=system, description=description)
    parser.add_argument("--workload", required=True, choices=sorted(UNITS), help="the workload to run once")
    parser.add_argument("--repetition", type=int, default=1, help="the repetition number (informational)")
    parser.add_argument("--url", default=os.environ.get("DATABASE_URL"), help="the server (default: DATABASE_URL)")
    arguments = parser.parse_args()
    if not arguments.url:
        parser.error("no --url and no DATABASE_URL")
    return arguments


def fail(message: str) -> None:
    print(message, file=sys.stderr)
    sys.exit(1)


Runner = Callable[..., Any]
