-- W10's starting state: pgbench's scale-1 rows (`pgbench -i -s 1`) in Bank.schema's tables, fillers
-- as wide as its char(88) and char(84) columns, balances 0, no history. Run before each system's
-- W10 by Benchmarks/harness/bench.py, and before each W10 run by scripts/bench-ab.
TRUNCATE w10_branches, w10_tellers, w10_accounts, w10_history;
INSERT INTO w10_branches (id, balance, filler) SELECT b, 0, repeat(' ', 88) FROM generate_series(1, 1) AS b;
INSERT INTO w10_tellers (id, branch_id, balance, filler)
SELECT t, (t - 1) / 10 + 1, 0, repeat(' ', 84) FROM generate_series(1, 10) AS t;
INSERT INTO w10_accounts (id, branch_id, balance, filler)
SELECT a, (a - 1) / 100000 + 1, 0, repeat(' ', 84) FROM generate_series(1, 100000) AS a;
