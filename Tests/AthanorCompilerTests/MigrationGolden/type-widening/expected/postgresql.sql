-- Written by athanor migrate diff. Dialect: PostgreSQL.
-- Runs in one transaction; a statement marked athanor:no-transaction runs on its own, in file order.

ALTER TABLE orders ALTER COLUMN total_cents TYPE NUMERIC USING total_cents::NUMERIC;

ALTER TABLE users ALTER COLUMN counts DROP DEFAULT;

ALTER TABLE users ALTER COLUMN counts TYPE BIGINT[] USING counts::BIGINT[];

ALTER TABLE users ALTER COLUMN counts SET DEFAULT '{}';

ALTER TABLE users ALTER COLUMN grade TYPE TEXT USING grade::TEXT;

ALTER TABLE users ALTER COLUMN level DROP DEFAULT;

ALTER TABLE users ALTER COLUMN level TYPE BIGINT USING level::BIGINT;

ALTER TABLE users ALTER COLUMN level SET DEFAULT 1;

ALTER TABLE users ALTER COLUMN ratio TYPE DOUBLE PRECISION USING ratio::DOUBLE PRECISION;
