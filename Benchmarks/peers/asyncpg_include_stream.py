"""W12 (an include) and W13 (a stream) on raw asyncpg, kept apart from asyncpg_bench.py so that
other workloads can be added there without touching these. Importing it registers the two
workloads' units (common.UNITS), so that --workload W12 and W13 parse.

W12: 1,000 orders with their 250 customers, 100 times on one connection, two ways alternating in
blocks of 10: two prepared statements (the orders, then `users WHERE id = ANY($1)`: the figure,
as Athanor's include) and one prepared JOIN (`join_rows_per_s`).
W13: 1,000,000 users rows through a server-side cursor (`connection.cursor(...)` in a
transaction, prefetching 1,000 rows at a time: asyncpg's way of reading a result that does not
fit in memory); peak resident memory.
"""

from __future__ import annotations

import resource

import common

common.UNITS.update({"W12": "rows/s", "W13": "rows/s"})

W12_ORDERS = 1_000
W12_CALLS = 100
W13_ROWS = 1_000_000
W13_PREFETCH = 1_000

USER_COLUMNS = "id, email, name, nickname, login_count, preferences, roles, created_at, updated_at"
ORDER_COLUMNS = "id, customer_id, external_ref, status::text, total_cents, currency, note, placed_at, created_at, updated_at"
ORDERS = "SELECT " + ORDER_COLUMNS + " FROM orders LIMIT $1"
CUSTOMERS = "SELECT " + USER_COLUMNS + " FROM users WHERE id = ANY($1)"
JOIN = (
    "SELECT o.id, o.customer_id, o.external_ref, o.status::text, o.total_cents, o.currency, o.note, o.placed_at, "
    "o.created_at, o.updated_at, u.id, u.email, u.name, u.nickname, u.login_count, u.preferences, u.roles, "
    "u.created_at, u.updated_at FROM orders AS o JOIN users AS u ON u.id = o.customer_id LIMIT $1"
)


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


async def w12(connection, system: str) -> None:
    orders_statement = await connection.prepare(ORDERS)
    customers_statement = await connection.prepare(CUSTOMERS)
    join_statement = await connection.prepare(JOIN)

    async def two_queries() -> int:
        orders = await orders_statement.fetch(W12_ORDERS)
        customers = {row["id"]: row for row in await customers_statement.fetch(list({row["customer_id"] for row in orders}))}
        return sum(1 for row in orders if row["customer_id"] in customers)

    async def join() -> int:
        return len(await join_statement.fetch(W12_ORDERS))

    await two_queries()
    await join()
    two_seconds = join_seconds = 0.0
    for _ in range(W12_CALLS // 10):
        clock = common.Clock()
        for _ in range(10):
            assert await two_queries() == W12_ORDERS
        two_seconds += clock.seconds()
        clock = common.Clock()
        for _ in range(10):
            assert await join() == W12_ORDERS
        join_seconds += clock.seconds()
    rows = W12_ORDERS * W12_CALLS
    common.emit("W12", system, rows / two_seconds,
                "two prepared statements (orders LIMIT 1000, then users WHERE id = ANY($1)) on one connection; "
                "join_rows_per_s: one prepared JOIN", join_rows_per_s=rows / join_seconds)


async def w13(connection, system: str) -> None:
    await connection.fetchval("SELECT 1")
    common.reset_peak_rss()
    cpu = cpu_seconds()
    clock = common.Clock()
    rows = 0
    logins = 0
    async with connection.transaction():
        async for row in connection.cursor("SELECT " + USER_COLUMNS + " FROM users", prefetch=W13_PREFETCH):
            rows += 1
            logins += row[4]
    seconds = clock.seconds()
    assert rows == W13_ROWS, f"{rows} rows"
    common.emit("W13", system, rows / seconds,
                f"async for row in connection.cursor('SELECT ... FROM users', prefetch={W13_PREFETCH}) in a transaction",
                peak_rss_bytes=common.proc_status_bytes("VmHWM"), client_cpu_s=cpu_seconds() - cpu)
