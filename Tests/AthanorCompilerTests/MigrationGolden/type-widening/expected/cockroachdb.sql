-- Written by athanor migrate diff. Dialect: CockroachDB.
-- Each statement runs in its own transaction (one schema change per transaction), recorded as it succeeds.

ALTER TABLE orders ALTER COLUMN total_cents TYPE DECIMAL USING total_cents::DECIMAL;

ALTER TABLE users ALTER COLUMN counts DROP DEFAULT;

ALTER TABLE users ALTER COLUMN counts TYPE INT8[] USING counts::INT8[];

ALTER TABLE users ALTER COLUMN counts SET DEFAULT '{}';

ALTER TABLE users ALTER COLUMN grade TYPE STRING USING grade::STRING;

ALTER TABLE users ALTER COLUMN level DROP DEFAULT;

ALTER TABLE users ALTER COLUMN level TYPE INT8 USING level::INT8;

ALTER TABLE users ALTER COLUMN level SET DEFAULT 1;

ALTER TABLE users ALTER COLUMN ratio TYPE FLOAT8 USING ratio::FLOAT8;
