-- Written by athanor migrate diff. Dialect: PostgreSQL.
-- Runs in one transaction; a statement marked athanor:no-transaction runs on its own, in file order.

ALTER TABLE users ALTER COLUMN bio DROP NOT NULL;

ALTER TABLE users ALTER COLUMN locale DROP DEFAULT;

ALTER TABLE users ALTER COLUMN nickname SET DEFAULT 'anonymous';

UPDATE users SET nickname = 'anonymous' WHERE nickname IS NULL;

ALTER TABLE users ALTER COLUMN nickname SET NOT NULL;

ALTER TABLE users ALTER COLUMN score SET DEFAULT 7;
