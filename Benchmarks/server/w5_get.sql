-- W5 (and W8 with 12 clients) for pgbench -M prepared: get one seeded row by id. The harness
-- seeds row i with id md5('seed' || i)::uuid, so the server finds it without a lookup table.
\set i random(0, 9999)
SELECT id, email, name, nickname, login_count, preferences, roles, created_at, updated_at
FROM users WHERE id = md5('seed' || :i)::uuid;
