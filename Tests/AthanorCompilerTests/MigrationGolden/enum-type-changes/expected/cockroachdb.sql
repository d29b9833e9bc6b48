-- Written by athanor migrate diff. Dialect: CockroachDB.
-- Each statement runs in its own transaction (one schema change per transaction), recorded as it succeeds.

ALTER TABLE paint ALTER COLUMN colour DROP DEFAULT;

ALTER TABLE paint ALTER COLUMN colour TYPE shade USING colour::STRING::shade;

ALTER TABLE paint ALTER COLUMN colour SET DEFAULT 'red';

ALTER TABLE paint ALTER COLUMN legacy TYPE STRING USING legacy::STRING;

ALTER TABLE paint ALTER COLUMN tint TYPE shade USING tint::shade;
