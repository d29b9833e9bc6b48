-- Written by athanor migrate diff. Dialect: CockroachDB.
-- Each statement runs in its own transaction (one schema change per transaction), recorded as it succeeds.

ALTER TABLE orders ADD COLUMN channel STRING NOT NULL;

ALTER TABLE orders ALTER COLUMN total_cents TYPE INT2 USING total_cents::INT2;

ALTER TABLE users ALTER COLUMN age SET NOT NULL;

ALTER TABLE users DROP COLUMN nickname;

DROP TABLE note;
