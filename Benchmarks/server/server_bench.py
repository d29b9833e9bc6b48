#!/usr/bin/env python3
"""The server's own limit (system "server"): what PostgreSQL does with no client library at all.

- W1, W5, W6: pgbench -M prepared -c 1 running the same single-row statement, one transaction per
  statement (the script files next to this one).
- W8: pgbench -M prepared with 12 clients (the pool's 8 + 4) on W5's statement, latencies from
  pgbench's per-transaction log.
- W2: COPY from a CSV file on the server's own disk (so the server must be on this machine).
- W3, W4, W9: the same INSERT ... SELECT ... ON CONFLICT (email) DO UPDATE as the clients, its rows
  generated inside the server by generate_series, run by psql and timed by the server (\\timing).
  RETURNING runs too (into a count), so the server does the work of the clients' statement
  without sending the rows.
- W10: pgbench's own TPC-B-like transaction (`pgbench -b tpcb-like -M prepared`) at 1 and 8
  clients, on its own tables, initialised before the run (`pgbench -i -s 1`, not timed), the
  same number of transactions as the clients make.
- W7 and W11 have no server figure.

Same contract as every system (see Benchmarks/peers/common.py): --workload Wn --repetition k,
JSON rows on stdout. Needs psql and pgbench (ATHANOR_PG_BIN, default /usr/lib/postgresql/15/bin).
"""

from __future__ import annotations

import csv
import datetime
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "peers"))
import common  # noqa: E402

SYSTEM = "server"
HERE = Path(__file__).resolve().parent
PG_BIN = Path(os.environ.get("ATHANOR_PG_BIN", "/usr/lib/postgresql/15/bin"))

# The JSON object and roles of row i, computed by the server the way common.preferences does.
ROW_EXPRESSIONS = (
    "CASE WHEN i % 3 = 0 THEN NULL ELSE 'nick' || i END, i % 100, "
    "jsonb_build_object('theme', CASE WHEN i % 2 = 1 THEN 'dark' ELSE 'light' END, 'lang', 'en', "
    "'digest', i % 7 = 0, 'page_size', 25), "
    "CASE WHEN i % 10 = 0 THEN '{user,admin}'::text[] ELSE '{user}'::text[] END"
)

COLUMNS = "id, email, name, nickname, login_count, preferences, roles, created_at, updated_at"


def bulk_statement(prefix: str, count: int, v2: bool) -> str:
    name = "'User ' || i || ' v2'" if v2 else "'User ' || i"
    return (
        f"WITH w AS (INSERT INTO users ({COLUMNS}) "
        f"SELECT gen_random_uuid(), '{prefix}' || i || '@example.com', {name}, {ROW_EXPRESSIONS}, now(), now() "
        f"FROM generate_series(0, {count - 1}) AS i "
        "ON CONFLICT (email) DO UPDATE SET name = excluded.name, nickname = excluded.nickname, "
        "login_count = excluded.login_count, preferences = excluded.preferences, roles = excluded.roles, "
        f"updated_at = now() RETURNING {COLUMNS}) SELECT count(*) FROM w"
    )


def psql_timed(url: str, sql: str) -> float:
    """Runs one statement with psql and returns the server-side time psql reports, in seconds."""
    output = subprocess.run(
        [str(PG_BIN / "psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", url, "-c", "\\timing on", "-c", sql],
        check=True, capture_output=True, text=True).stdout
    match = re.search(r"Time: ([0-9.]+) ms", output)
    if not match:
        raise SystemExit(f"server: no timing in psql's output: {output!r}")
    return float(match.group(1)) / 1000


def pgbench(url: str, script: str, clients: int, transactions: int, log_dir: Path | None = None) -> float:
    """Runs pgbench on a script file (or `-b NAME`, one of its built-in scripts) and returns its
    tps (initial connections excluded)."""
    which = ["-b", script.removeprefix("-b ")] if script.startswith("-b ") else ["-f", str(HERE / script)]
    command = [str(PG_BIN / "pgbench"), "-n", "-M", "prepared", "-c", str(clients), "-j", str(min(clients, 2)),
               "-t", str(transactions)] + which
    if log_dir is not None:
        command += ["--log", "--log-prefix", str(log_dir / "pgbench")]
    output = subprocess.run(command + [url], check=True, capture_output=True, text=True,
                            cwd=log_dir or HERE).stdout
    match = re.search(r"tps = ([0-9.]+) \(without initial connection time\)", output)
    if not match:
        raise SystemExit(f"server: no tps in pgbench's output: {output!r}")
    return float(match.group(1))


def w2(url: str) -> None:
    """COPY from a CSV file the server reads from its own disk."""
    folder = Path(tempfile.mkdtemp(prefix="athanor-bench-copy."))
    try:
        folder.chmod(0o755)  # the server runs as another user
        path = folder / "w2.csv"
        now = datetime.datetime.now(datetime.timezone.utc).isoformat()
        with path.open("w", newline="") as f:
            writer = csv.writer(f)
            for r in common.make_rows("W2", common.W2_ROWS):
                # An unquoted empty field is NULL in COPY's CSV format.
                writer.writerow([r.id, r.email, r.name, r.nickname, r.login_count, json.dumps(r.preferences),
                                 "{" + ",".join(r.roles) + "}", now, now])
        path.chmod(0o644)
        seconds = psql_timed(url, f"COPY users ({COLUMNS}) FROM '{path}' WITH (FORMAT csv)")
        common.emit("W2", SYSTEM, common.W2_ROWS / seconds, "COPY FROM a CSV file on the server")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def w8(url: str) -> None:
    clients = common.W8_POOL_SIZE + common.W8_MAX_OVERFLOW
    total = common.W8_TASKS * common.W8_GETS_PER_TASK
    folder = Path(tempfile.mkdtemp(prefix="athanor-bench-pgbench."))
    try:
        tps = pgbench(url, "w5_get.sql", clients, total // clients, log_dir=folder)
        latencies: list[float] = []
        for log in folder.glob("pgbench*"):
            for line in log.read_text().splitlines():
                fields = line.split()
                latencies.append(int(fields[2]) / 1000)  # the third field is the latency in µs
        latencies.sort()
        common.emit("W8", SYSTEM, tps, f"pgbench -M prepared -c {clients} on W5's statement",
                    p50_ms=statistics.median(latencies), p99_ms=common.percentile(latencies, 0.99), timeouts=0)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def w10(url: str) -> None:
    """pgbench's tpcb-like on its own scale-1 tables, fresh for this run, at each client count."""
    subprocess.run([str(PG_BIN / "pgbench"), "-i", "-q", "-s", "1", url], check=True, capture_output=True, text=True)
    subprocess.run([str(PG_BIN / "psql"), "-X", "-q", "-d", url, "-c", "CHECKPOINT"], check=True, capture_output=True)
    for clients in common.W10_CLIENTS:
        tps = pgbench(url, "-b tpcb-like", clients, common.W10_TRANSACTIONS // clients)
        common.emit("W10", SYSTEM, tps, f"pgbench -b tpcb-like -M prepared -c {clients} on pgbench -i -s 1's tables",
                    point=common.w10_point(clients), clients=clients)


def main() -> None:
    arguments = common.parse_arguments(SYSTEM, __doc__.splitlines()[0])
    workload, url = arguments.workload, arguments.url
    if workload == "W1":
        tps = pgbench(url, "w1_insert.sql", 1, common.W1_CREATES)
        common.emit("W1", SYSTEM, tps, "pgbench -M prepared -c 1: INSERT ... RETURNING, autocommit")
    elif workload == "W2":
        w2(url)
    elif workload in ("W3", "W4", "W9"):
        count = common.W9_ROWS if workload == "W9" else common.W3_ROWS
        seconds = psql_timed(url, bulk_statement(common.PREFIX[workload], count, v2=workload == "W4"))
        common.emit(workload, SYSTEM, count / seconds,
                    "psql: INSERT ... SELECT generate_series ... ON CONFLICT (email) DO UPDATE ... RETURNING")
    elif workload == "W5":
        tps = pgbench(url, "w5_get.sql", 1, common.W5_GETS)
        common.emit("W5", SYSTEM, tps, "pgbench -M prepared -c 1: SELECT ... WHERE id = $1")
    elif workload == "W6":
        tps = pgbench(url, "w6_list.sql", 1, common.W6_LISTS)
        common.emit("W6", SYSTEM, tps, "pgbench -M prepared -c 1: SELECT ... ORDER BY created_at LIMIT 50")
    elif workload == "W8":
        w8(url)
    elif workload == "W10":
        w10(url)
    # W7, W11: no server figure (nothing to emit).


if __name__ == "__main__":
    main()
