"""W12 (an include) and W13 (a stream) in the harness: their titles, extra fields, systems, the
orders table and their starting state. Kept apart from bench.py so that other workloads can be
added there without touching these.

- W12: 250 users (the seed rows 0-249) and 1,000 orders, order i of customer i % 250.
- W13: 1,000,000 users rows (the seed rows 0-999,999).
Only Athanor, PostgresNIO and asyncpg run them.
"""

from __future__ import annotations

WORKLOADS = ["W12", "W13"]
TITLES = {"W12": "W12 1,000 orders + customers", "W13": "W13 stream 1M rows"}
EXTRAS = {"W12": ["join_rows_per_s"], "W13": ["peak_rss_bytes", "client_cpu_s"]}
SYSTEMS = {"athanor", "postgresnio", "asyncpg"}

ORDERS = (
    "INSERT INTO orders (id, customer_id, external_ref, status, total_cents, currency, note, placed_at, created_at, updated_at) "
    "SELECT md5('order' || i)::uuid, md5('seed' || (i % 250))::uuid, 'ref-' || i, 'paid', 100 + i, 'EUR', "
    "CASE WHEN i % 4 = 0 THEN NULL ELSE 'note ' || i END, now(), now(), now() FROM generate_series(0, 999) AS i"
)


def runs(workload: str, system: str) -> bool:
    """Whether `system` runs `workload` (every system runs the other workloads)."""
    return workload not in WORKLOADS or system in SYSTEMS


async def prepare(connection, workload: str, seed: str) -> None:
    """The starting state of W12 and W13 (`seed` is bench.py's SEED, formatted), after the
    harness emptied the tables."""
    if workload == "W12":
        await connection.execute(seed.replace("generate_series(0, 9999)", "generate_series(0, 249)"))
        await connection.execute(ORDERS)
        await connection.execute("VACUUM ANALYZE orders")
    elif workload == "W13":
        await connection.execute(seed.replace("generate_series(0, 9999)", "generate_series(0, 999999)"))
