-- Written by athanor migrate diff. Dialect: CockroachDB.
-- Each statement runs in its own transaction (one schema change per transaction), recorded as it succeeds.

ALTER TABLE users ALTER COLUMN bio DROP NOT NULL;

ALTER TABLE users ALTER COLUMN locale DROP DEFAULT;

ALTER TABLE users ALTER COLUMN nickname SET DEFAULT 'anonymous';

UPDATE users SET nickname = 'anonymous' WHERE nickname IS NULL;

ALTER TABLE users ALTER COLUMN nickname SET NOT NULL;

ALTER TABLE users ALTER COLUMN score SET DEFAULT 7;
