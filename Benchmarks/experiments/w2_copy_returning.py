"""W2 design question (issue 6, "COPY for W2 where it has one"): can a COPY path return what
`createMany` returns (the stored rows, audit columns set by the database)? Plain COPY returns
nothing, so the candidate is: in one transaction, binary COPY into a temporary table, then
`INSERT INTO users SELECT ..., now(), now() FROM tmp RETURNING <columns>`.

Measured with asyncpg on both sides (its client costs are in every variant), 10,000 W2 rows,
`users` truncated before each, variants interleaved:
  unnest        what createMany sends today: 2 x INSERT ... SELECT FROM unnest(...) RETURNING, one transaction
  copy+insert   CREATE TEMP TABLE ... ON COMMIT DROP; COPY (binary) into it; INSERT ... SELECT ... RETURNING
  copy+insert (no RETURNING)   the same without returning rows (the cost of RETURNING)
  copy          plain binary COPY into users (returns nothing: not createMany's semantics)

    DATABASE_URL=... Benchmarks/.venv/bin/python Benchmarks/experiments/w2_copy_returning.py [rounds]
(scripts/bench prepares the table; here `users` must exist, from `athanor ddl`.)
"""
import asyncio
import datetime
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "peers"))
import asyncpg_bench as peer  # noqa: E402
import common  # noqa: E402

COLUMNS = "id, email, name, nickname, login_count, preferences, roles"
RETURNING = COLUMNS + ", created_at, updated_at"
INSERT = (
    "INSERT INTO users (id, email, name, nickname, login_count, preferences, roles, created_at, updated_at) "
    "SELECT u.id, u.email, u.name, u.nickname, u.login_count, u.preferences, u.roles::text[], now(), now() "
    "FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::int8[], $6::jsonb[], $7::text[]) "
    "AS u(id, email, name, nickname, login_count, preferences, roles) RETURNING " + RETURNING
)
TEMP = ("CREATE TEMP TABLE athanor_copy (id uuid, email text, name text, nickname text, login_count int8, "
        "preferences jsonb, roles text[]) ON COMMIT DROP")
FROM_TEMP = ("INSERT INTO users (id, email, name, nickname, login_count, preferences, roles, created_at, updated_at) "
             "SELECT " + COLUMNS + ", now(), now() FROM athanor_copy")


async def unnest(connection, rows):
    statement = await connection.prepare(INSERT)
    returned = []
    async with connection.transaction():
        for start in range(0, len(rows), peer.CHUNK):
            returned += await statement.fetch(*peer.columns(rows[start:start + peer.CHUNK]))
    return len(returned)


async def copy_insert(connection, rows, returning=True):
    records = [(r.id, r.email, r.name, r.nickname, r.login_count, r.preferences, r.roles) for r in rows]
    async with connection.transaction():
        await connection.execute(TEMP)
        await connection.copy_records_to_table("athanor_copy", records=records, columns=COLUMNS.split(", "))
        if returning:
            return len(await connection.fetch(FROM_TEMP + " RETURNING " + RETURNING))
        await connection.execute(FROM_TEMP)
        return len(rows)


async def copy_only(connection, rows):
    now = datetime.datetime.now(datetime.timezone.utc)
    records = [(r.id, r.email, r.name, r.nickname, r.login_count, r.preferences, r.roles, now, now) for r in rows]
    await connection.copy_records_to_table("users", records=records, columns=RETURNING.split(", "))
    return len(rows)


async def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    connection = await peer.connect(os.environ["DATABASE_URL"])
    variants = {
        "unnest": unnest,
        "copy+insert": copy_insert,
        "copy+insert (no RETURNING)": lambda c, r: copy_insert(c, r, returning=False),
        "copy": copy_only,
    }
    rates = {name: [] for name in variants}
    for _ in range(rounds):
        for name, run in variants.items():
            await connection.execute("TRUNCATE users")
            await connection.execute("CHECKPOINT")
            rows = common.make_rows("W2", common.W2_ROWS)
            started = time.perf_counter()
            count = await run(connection, rows)
            rates[name].append(count / (time.perf_counter() - started))
    for name, values in rates.items():
        print(f"{name:28} median {statistics.median(values):9,.0f} rows/s  min {min(values):9,.0f}  max {max(values):9,.0f}")
    await connection.close()


asyncio.run(main())
