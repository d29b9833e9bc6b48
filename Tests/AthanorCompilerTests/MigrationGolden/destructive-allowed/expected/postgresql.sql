-- Written by athanor migrate diff. Dialect: PostgreSQL.
-- Runs in one transaction; a statement marked athanor:no-transaction runs on its own, in file order.

ALTER TABLE orders ADD COLUMN channel TEXT NOT NULL;

ALTER TABLE orders ALTER COLUMN total_cents TYPE SMALLINT USING total_cents::SMALLINT;

ALTER TABLE users ALTER COLUMN age SET NOT NULL;

ALTER TABLE users DROP COLUMN nickname;

DROP TABLE note;
