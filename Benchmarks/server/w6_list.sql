-- W6 for pgbench -M prepared -c 1: the first 50 rows ordered by created_at.
SELECT id, email, name, nickname, login_count, preferences, roles, created_at, updated_at
FROM users ORDER BY created_at LIMIT 50;
