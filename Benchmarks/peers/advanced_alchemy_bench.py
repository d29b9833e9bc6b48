#!/usr/bin/env python3
"""The Advanced Alchemy peer: its async repository, exactly as its users write it.

A session and a repository per operation, `auto_commit=True`, the `UUIDAuditBase` model (UUID
primary key made in Python, created_at/updated_at, and the nullable `sa_orm_sentinel` column its
UUID models expect), SQLAlchemy 2.0 on asyncpg. Contract and output: see common.py. Alone:

    Benchmarks/.venv/bin/python Benchmarks/peers/advanced_alchemy_bench.py --workload W5
"""

from __future__ import annotations

import asyncio
import warnings
from typing import Any

import sqlalchemy.exc
from advanced_alchemy.base import CommonTableAttributes, AdvancedDeclarativeBase, UUIDAuditBase
from advanced_alchemy.filters import LimitOffset
from advanced_alchemy.repository import SQLAlchemyAsyncRepository
from advanced_alchemy.types import JsonB
from sqlalchemy import BigInteger, Text, select
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncAttrs, AsyncEngine, async_sessionmaker, create_async_engine
from sqlalchemy.orm import Mapped, mapped_column

import common

SYSTEM = "advanced-alchemy"

warnings.filterwarnings("ignore", category=DeprecationWarning)


class User(UUIDAuditBase):
    """The users model of Shop.schema (created by the harness, never by this script)."""

    __tablename__ = "users"

    email: Mapped[str] = mapped_column(Text, unique=True)
    name: Mapped[str] = mapped_column(Text)
    nickname: Mapped[str | None] = mapped_column(Text, nullable=True)
    login_count: Mapped[int] = mapped_column(BigInteger, default=0)
    preferences: Mapped[dict[str, Any]] = mapped_column(JsonB, default=dict)
    roles: Mapped[list[str]] = mapped_column(ARRAY(Text), default=list)


class Counter(CommonTableAttributes, AdvancedDeclarativeBase, AsyncAttrs):
    """W7's counter row."""

    __tablename__ = "bench_counter"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    n: Mapped[int] = mapped_column(BigInteger)


class UserRepository(SQLAlchemyAsyncRepository[User]):
    model_type = User


class CounterRepository(SQLAlchemyAsyncRepository[Counter]):
    model_type = Counter


def engine_for(url: str, pool_size: int = 5, max_overflow: int = 10, timeout: float = 30.0) -> AsyncEngine:
    """SQLAlchemy's async engine on asyncpg (its pool defaults unless a workload fixes them)."""
    url = url.replace("postgresql://", "postgresql+asyncpg://", 1).replace("postgres://", "postgresql+asyncpg://", 1)
    return create_async_engine(url, pool_size=pool_size, max_overflow=max_overflow, pool_timeout=timeout)


def model(row: common.UserRow) -> User:
    return User(id=row.id, email=row.email, name=row.name, nickname=row.nickname, login_count=row.login_count,
                preferences=row.preferences, roles=row.roles)


async def read_ids(sessions: async_sessionmaker) -> list:
    """The seeded ids in the order every system walks them (not timed)."""
    async with sessions() as session:
        return list((await session.execute(select(User.id).order_by(User.created_at))).scalars())


async def w1(sessions: async_sessionmaker) -> None:
    rows = common.make_rows("W1", common.W1_CREATES)
    clock = common.Clock()
    for row in rows:
        async with sessions() as session:
            await UserRepository(session=session).add(model(row), auto_commit=True)
    common.emit("W1", SYSTEM, len(rows) / clock.seconds(), "repository.add(auto_commit=True), a session per call")


async def w2(sessions: async_sessionmaker) -> None:
    rows = common.make_rows("W2", common.W2_ROWS)
    clock = common.Clock()
    async with sessions() as session:
        stored = await UserRepository(session=session).add_many([model(r) for r in rows], auto_commit=True)
    assert len(stored) == len(rows)
    common.emit("W2", SYSTEM, len(rows) / clock.seconds(), "repository.add_many(auto_commit=True) (it has no COPY)")


async def bulk_upsert(sessions: async_sessionmaker, workload: str, count: int) -> None:
    common.reset_peak_rss()
    rows = common.make_rows(workload, count)
    clock = common.Clock()
    async with sessions() as session:
        stored = await UserRepository(session=session).upsert_many(
            [model(r) for r in rows], match_fields=["email"], auto_commit=True)
    seconds = clock.seconds()
    assert len(stored) == count, f"{len(stored)} rows returned"
    extras = {"peak_rss_bytes": common.proc_status_bytes("VmHWM")} if workload == "W9" else {}
    common.emit(workload, SYSTEM, count / seconds,
                "repository.upsert_many(match_fields=['email'], auto_commit=True)", **extras)


async def w5(sessions: async_sessionmaker) -> None:
    ids = await read_ids(sessions)
    clock = common.Clock()
    for k in range(common.W5_GETS):
        async with sessions() as session:
            await UserRepository(session=session).get(ids[k % len(ids)])
    common.emit("W5", SYSTEM, common.W5_GETS / clock.seconds(), "repository.get(id), a session per call")


async def w6(sessions: async_sessionmaker) -> None:
    clock = common.Clock()
    for _ in range(common.W6_LISTS):
        async with sessions() as session:
            users = await UserRepository(session=session).get_many(
                LimitOffset(limit=common.W6_PAGE, offset=0), order_by=[(User.created_at, False)])
        assert len(users) == common.W6_PAGE
    common.emit("W6", SYSTEM, common.W6_LISTS / clock.seconds(),
                "repository.get_many(LimitOffset(50, 0), order_by=created_at), a session per call")


def is_retryable(error: BaseException) -> bool:
    """A serialization failure (40001) or deadlock (40P01) anywhere in the exception chain."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        for candidate in (current, getattr(current, "orig", None)):
            if getattr(candidate, "sqlstate", None) in ("40001", "40P01") or getattr(candidate, "pgcode", None) in ("40001", "40P01"):
                return True
        current = current.__cause__ or current.__context__
    return False


async def w7(url: str) -> None:
    engine = engine_for(url, pool_size=common.W7_TASKS, max_overflow=0)
    serializable = engine.execution_options(isolation_level="SERIALIZABLE")
    sessions = async_sessionmaker(serializable, expire_on_commit=False)
    retries = 0

    async def task() -> int:
        nonlocal retries
        commits = 0
        for _ in range(common.W7_TRANSACTIONS):
            for attempt in range(1, common.W7_MAX_ATTEMPTS + 1):
                try:
                    async with sessions() as session:
                        repository = CounterRepository(session=session)
                        counter = await repository.get(1)
                        counter.n += 1
                        await repository.update(counter, auto_commit=True)
                    commits += 1
                    break
                except Exception as error:  # the repository wraps driver errors in its own types
                    if not is_retryable(error):
                        raise
                    retries += 1
                    await asyncio.sleep(common.w7_backoff(attempt))
        return commits

    clock = common.Clock()
    commits = sum(await asyncio.gather(*(task() for _ in range(common.W7_TASKS))))
    seconds = clock.seconds()
    async with async_sessionmaker(engine)() as session:
        final = (await session.execute(select(Counter.n).where(Counter.id == 1))).scalar_one()
    common.emit("W7", SYSTEM, commits / seconds,
                "repository.get + update(auto_commit=True), SERIALIZABLE, retried on 40001 with jittered backoff",
                commits=commits, retries=retries, final_counter=final)
    await engine.dispose()


async def w8(url: str) -> None:
    engine = engine_for(url, pool_size=common.W8_POOL_SIZE, max_overflow=common.W8_MAX_OVERFLOW,
                        timeout=common.W8_POOL_TIMEOUT_S)
    sessions = async_sessionmaker(engine, expire_on_commit=False)
    ids = await read_ids(sessions)
    latencies: list[float] = []
    timeouts = 0

    async def task(t: int) -> None:
        nonlocal timeouts
        for k in range(common.W8_GETS_PER_TASK):
            started = common.Clock()
            try:
                async with sessions() as session:
                    await UserRepository(session=session).get(ids[(t * common.W8_GETS_PER_TASK + k) % len(ids)])
            except sqlalchemy.exc.TimeoutError:
                timeouts += 1
                continue
            latencies.append(started.seconds())

    clock = common.Clock()
    await asyncio.gather(*(task(t) for t in range(common.W8_TASKS)))
    seconds = clock.seconds()
    latencies.sort()
    common.emit("W8", SYSTEM, len(latencies) / seconds, "repository.get(id), a session per call, pool 8 + overflow 4",
                p50_ms=common.percentile(latencies, 0.50) * 1000, p99_ms=common.percentile(latencies, 0.99) * 1000,
                timeouts=timeouts)
    await engine.dispose()


async def main() -> None:
    arguments = common.parse_arguments(SYSTEM, __doc__.splitlines()[0])
    workload, url = arguments.workload, arguments.url
    if workload == "W7":
        await w7(url)
        return
    if workload == "W8":
        await w8(url)
        return
    engine = engine_for(url)
    sessions = async_sessionmaker(engine, expire_on_commit=False)
    if workload == "W1":
        await w1(sessions)
    elif workload == "W2":
        await w2(sessions)
    elif workload in ("W3", "W4"):
        await bulk_upsert(sessions, workload, common.W3_ROWS)
    elif workload == "W9":
        await bulk_upsert(sessions, workload, common.W9_ROWS)
    elif workload == "W5":
        await w5(sessions)
    elif workload == "W6":
        await w6(sessions)
    await engine.dispose()


if __name__ == "__main__":
    asyncio.run(main())
