-- W1 for pgbench -M prepared -c 1: one single-row INSERT per transaction (autocommit), with the
-- columns and RETURNING list the clients send. pgbench has no per-transaction counter, so row i
-- is random in a range wide enough that emails never collide.
\set i random(1, 9000000000000000000)
INSERT INTO users (id, email, name, nickname, login_count, preferences, roles, created_at, updated_at)
VALUES (gen_random_uuid(), 'w1-' || :i || '@example.com', 'User ' || :i,
        CASE WHEN :i::int8 % 3 = 0 THEN NULL ELSE 'nick' || :i END, :i::int8 % 100,
        '{"theme": "dark", "lang": "en", "digest": false, "page_size": 25}', '{user}', now(), now())
RETURNING id, email, name, nickname, login_count, preferences, roles, created_at, updated_at;
