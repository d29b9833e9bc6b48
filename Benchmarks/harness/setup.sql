-- The tables of the benchmarks, applied once per run by Benchmarks/harness/bench.py, right after
-- the `users` table of schemas/Shop.schema, whose DDL scripts/bench takes from the compiler:
--     swift run athanor ddl schemas/Shop.schema --dialect postgresql
-- (the CREATE TABLE users statement and its index, nothing else of the schema).

-- Advanced Alchemy's UUID models expect a nullable sentinel column; nobody else uses it.
ALTER TABLE users ADD COLUMN sa_orm_sentinel INTEGER;

-- W7's counter: one row, incremented by every transaction.
DROP TABLE IF EXISTS bench_counter;
CREATE TABLE bench_counter (id INTEGER PRIMARY KEY, n BIGINT NOT NULL);
INSERT INTO bench_counter VALUES (1, 0);
