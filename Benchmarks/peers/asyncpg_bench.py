#!/usr/bin/env python3
"""The raw asyncpg peer: what a fast Python client does by hand.

Prepared statements (asyncpg prepares and caches every statement it runs), one `unnest` statement
per chunk for the bulk upserts, and `copy_records_to_table` (binary COPY) for W2. Contract and
output: see common.py. Run by scripts/bench; alone:

    Benchmarks/.venv/bin/python Benchmarks/peers/asyncpg_bench.py --workload W5
"""

from __future__ import annotations

import asyncio
import datetime
import json

import asyncpg

import asyncpg_include_stream
import common
from common import UserRow

SYSTEM = "asyncpg"

COLUMNS = "id, email, name, nickname, login_count, preferences, roles, created_at, updated_at"

INSERT_ONE = (
    "INSERT INTO users (id, email, name, nickname, login_count, preferences, roles, created_at, updated_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, now(), now()) RETURNING " + COLUMNS
)

# unnest flattens a two-dimensional array, so `roles` travels as one text[] literal per row
# ('{user,admin}') and is cast back to text[] inside the statement.
UPSERT_MANY = (
    "INSERT INTO users (id, email, name, nickname, login_count, preferences, roles, created_at, updated_at) "
    "SELECT u.id, u.email, u.name, u.nickname, u.login_count, u.preferences, u.roles::text[], now(), now() "
    "FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::int8[], $6::jsonb[], $7::text[]) "
    "AS u(id, email, name, nickname, login_count, preferences, roles) "
    "ON CONFLICT (email) DO UPDATE SET name = excluded.name, nickname = excluded.nickname, "
    "login_count = excluded.login_count, preferences = excluded.preferences, roles = excluded.roles, "
    "updated_at = now() RETURNING " + COLUMNS
)

GET = "SELECT " + COLUMNS + " FROM users WHERE id = $1"
LIST = "SELECT " + COLUMNS + " FROM users ORDER BY created_at LIMIT $1"

# Rows per bulk statement; several chunks share one transaction (the same chunk as Athanor's).
CHUNK = 5_000


def encode_jsonb(value: object) -> bytes:
    return b"\x01" + json.dumps(value).encode()  # jsonb's binary form: a version byte, then the text


def decode_jsonb(data: bytes) -> object:
    return json.loads(data[1:])


async def init_connection(connection: asyncpg.Connection) -> None:
    """jsonb as Python objects, in binary form (which binary COPY needs too)."""
    await connection.set_type_codec("jsonb", encoder=encode_jsonb, decoder=decode_jsonb, schema="pg_catalog",
                                    format="binary")


async def connect(url: str) -> asyncpg.Connection:
    connection = await asyncpg.connect(url)
    await init_connection(connection)
    return connection


def roles_literal(roles: list[str]) -> str:
    return "{" + ",".join(roles) + "}"


def columns(rows: list[UserRow]) -> tuple[list, ...]:
    """One list per column, for unnest."""
    return (
        [r.id for r in rows],
        [r.email for r in rows],
        [r.name for r in rows],
        [r.nickname for r in rows],
        [r.login_count for r in rows],
        [r.preferences for r in rows],
        [roles_literal(r.roles) for r in rows],
    )


async def upsert_many(connection: asyncpg.Connection, rows: list[UserRow]) -> list[asyncpg.Record]:
    statement = await connection.prepare(UPSERT_MANY)
    returned: list[asyncpg.Record] = []
    async with connection.transaction():
        for start in range(0, len(rows), CHUNK):
            returned += await statement.fetch(*columns(rows[start:start + CHUNK]))
    return returned


async def read_ids(connection: asyncpg.Connection) -> list:
    """The seeded ids in the order every system walks them (not timed)."""
    return [r["id"] for r in await connection.fetch("SELECT id FROM users ORDER BY created_at")]


async def w1(url: str) -> None:
    connection = await connect(url)
    rows = common.make_rows("W1", common.W1_CREATES)
    statement = await connection.prepare(INSERT_ONE)
    clock = common.Clock()
    for r in rows:  # autocommit: each INSERT is its own transaction
        await statement.fetchrow(r.id, r.email, r.name, r.nickname, r.login_count, r.preferences, r.roles)
    common.emit("W1", SYSTEM, len(rows) / clock.seconds(), "prepared INSERT ... RETURNING, autocommit")
    await connection.close()


async def w2(url: str) -> None:
    connection = await connect(url)
    rows = common.make_rows("W2", common.W2_ROWS)
    clock = common.Clock()
    now = datetime.datetime.now(datetime.timezone.utc)
    records = [(r.id, r.email, r.name, r.nickname, r.login_count, r.preferences, r.roles, now, now) for r in rows]
    await connection.copy_records_to_table("users", records=records, columns=COLUMNS.split(", "))
    common.emit("W2", SYSTEM, len(rows) / clock.seconds(), "copy_records_to_table (binary COPY)")
    await connection.close()


async def bulk_upsert(url: str, workload: str, count: int) -> None:
    connection = await connect(url)
    common.reset_peak_rss()
    rows = common.make_rows(workload, count)
    clock = common.Clock()
    returned = await upsert_many(connection, rows)
    seconds = clock.seconds()
    assert len(returned) == count, f"{len(returned)} rows returned"
    extras = {"peak_rss_bytes": common.proc_status_bytes("VmHWM")} if workload == "W9" else {}
    common.emit(workload, SYSTEM, count / seconds,
                f"INSERT ... SELECT FROM unnest(...) ON CONFLICT (email) DO UPDATE ... RETURNING, "
                f"{CHUNK} rows per statement, one transaction", **extras)
    await connection.close()


async def w5(url: str) -> None:
    connection = await connect(url)
    ids = await read_ids(connection)
    statement = await connection.prepare(GET)
    clock = common.Clock()
    for k in range(common.W5_GETS):
        row = await statement.fetchrow(ids[k % len(ids)])
        assert row is not None
    common.emit("W5", SYSTEM, common.W5_GETS / clock.seconds(), "prepared SELECT ... WHERE id = $1")
    await connection.close()


async def w6(url: str) -> None:
    connection = await connect(url)
    statement = await connection.prepare(LIST)
    clock = common.Clock()
    for _ in range(common.W6_LISTS):
        rows = await statement.fetch(common.W6_PAGE)
        assert len(rows) == common.W6_PAGE
    common.emit("W6", SYSTEM, common.W6_LISTS / clock.seconds(), "prepared SELECT ... ORDER BY created_at LIMIT 50")
    await connection.close()


async def w7(url: str) -> None:
    pool = await asyncpg.create_pool(url, min_size=common.W7_TASKS, max_size=common.W7_TASKS, init=init_connection)
    retries = 0

    async def task() -> int:
        nonlocal retries
        commits = 0
        async with pool.acquire() as connection:
            for _ in range(common.W7_TRANSACTIONS):
                for attempt in range(1, common.W7_MAX_ATTEMPTS + 1):
                    try:
                        async with connection.transaction(isolation="serializable"):
                            n = await connection.fetchval("SELECT n FROM bench_counter WHERE id = 1")
                            await connection.execute("UPDATE bench_counter SET n = $1 WHERE id = 1", n + 1)
                        commits += 1
                        break
                    except (asyncpg.exceptions.SerializationError, asyncpg.exceptions.DeadlockDetectedError):
                        retries += 1
                        await asyncio.sleep(common.w7_backoff(attempt))
        return commits

    clock = common.Clock()
    commits = sum(await asyncio.gather(*(task() for _ in range(common.W7_TASKS))))
    seconds = clock.seconds()
    final = await pool.fetchval("SELECT n FROM bench_counter WHERE id = 1")
    common.emit("W7", SYSTEM, commits / seconds, "SERIALIZABLE read + UPDATE, retried on 40001 with jittered backoff",
                commits=commits, retries=retries, final_counter=final)
    await pool.close()


async def w8(url: str) -> None:
    pool = await asyncpg.create_pool(
        url, min_size=common.W8_POOL_SIZE, max_size=common.W8_POOL_SIZE + common.W8_MAX_OVERFLOW, init=init_connection)
    async with pool.acquire() as connection:
        ids = await read_ids(connection)
    latencies: list[float] = []
    timeouts = 0

    async def task(t: int) -> None:
        nonlocal timeouts
        for k in range(common.W8_GETS_PER_TASK):
            started = common.Clock()
            try:
                async with pool.acquire(timeout=common.W8_POOL_TIMEOUT_S) as connection:
                    await connection.fetchrow(GET, ids[(t * common.W8_GETS_PER_TASK + k) % len(ids)])
            except asyncio.TimeoutError:
                timeouts += 1
                continue
            latencies.append(started.seconds())

    clock = common.Clock()
    await asyncio.gather(*(task(t) for t in range(common.W8_TASKS)))
    seconds = clock.seconds()
    latencies.sort()
    common.emit("W8", SYSTEM, len(latencies) / seconds, "asyncpg pool (8 min, 12 max), prepared SELECT by id",
                p50_ms=common.percentile(latencies, 0.50) * 1000, p99_ms=common.percentile(latencies, 0.99) * 1000,
                timeouts=timeouts)
    await pool.close()


async def w10(url: str) -> None:
    """pgbench's TPC-B-like transaction on Bank.schema's tables, each retried as a unit on 40001
    and 40P01; one connection per client for the whole point (pgbench's way)."""
    delta_sum, commits = 0, 0
    for clients in common.W10_CLIENTS:
        pool = await asyncpg.create_pool(url, min_size=clients, max_size=clients)
        retries = 0

        async def client(transactions: int) -> tuple[int, int]:
            nonlocal retries
            deltas, done = 0, 0
            async with pool.acquire() as connection:
                for _ in range(transactions):
                    account, teller, branch, delta = common.w10_draw()
                    for attempt in range(1, common.W7_MAX_ATTEMPTS + 1):
                        try:
                            async with connection.transaction():
                                await connection.execute(common.W10_UPDATE_ACCOUNT, delta, account)
                                await connection.fetchval(common.W10_READ_ACCOUNT, account)
                                await connection.execute(common.W10_UPDATE_TELLER, delta, teller)
                                await connection.execute(common.W10_UPDATE_BRANCH, delta, branch)
                                await connection.execute(common.W10_INSERT_HISTORY, teller, branch, account, delta)
                            deltas += delta
                            done += 1
                            break
                        except (asyncpg.exceptions.SerializationError, asyncpg.exceptions.DeadlockDetectedError):
                            retries += 1
                            await asyncio.sleep(common.w7_backoff(attempt))
            return deltas, done

        clock = common.Clock()
        outcomes = await asyncio.gather(*(client(common.W10_TRANSACTIONS // clients) for _ in range(clients)))
        seconds = clock.seconds()
        point_commits = sum(done for _, done in outcomes)
        delta_sum += sum(deltas for deltas, _ in outcomes)
        commits += point_commits
        totals = await pool.fetchrow(common.W10_TOTALS)
        common.emit("W10", SYSTEM, point_commits / seconds,
                    "BEGIN, prepared UPDATE accounts, SELECT balance, UPDATE tellers, UPDATE branches, INSERT history, "
                    "COMMIT (connection.transaction()), retried on 40001/40P01; one connection per client",
                    point=common.w10_point(clients), clients=clients, commits=point_commits, retries=retries,
                    consistent=int(common.w10_consistent(tuple(totals), delta_sum, commits)))
        await pool.close()


async def main() -> None:
    arguments = common.parse_arguments(SYSTEM, __doc__.splitlines()[0])
    workload, url = arguments.workload, arguments.url
    if workload == "W1":
        await w1(url)
    elif workload == "W2":
        await w2(url)
    elif workload in ("W3", "W4"):
        await bulk_upsert(url, workload, common.W3_ROWS)
    elif workload == "W9":
        await bulk_upsert(url, workload, common.W9_ROWS)
    elif workload == "W5":
        await w5(url)
    elif workload == "W6":
        await w6(url)
    elif workload == "W7":
        await w7(url)
    elif workload == "W8":
        await w8(url)
    elif workload == "W10":
        await w10(url)
    elif workload in ("W12", "W13"):
        connection = await connect(url)
        await (asyncpg_include_stream.w12 if workload == "W12" else asyncpg_include_stream.w13)(connection, SYSTEM)
        await connection.close()


if __name__ == "__main__":
    asyncio.run(main())
