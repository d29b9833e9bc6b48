-- Written by athanor migrate diff. Dialect: CockroachDB.
-- Each statement runs in its own transaction (one schema change per transaction), recorded as it succeeds.

ALTER TABLE users ADD COLUMN login_count INT8 NOT NULL DEFAULT 0;

ALTER TABLE users ADD COLUMN phone STRING;

ALTER TABLE users ADD COLUMN roles STRING[] NOT NULL DEFAULT '{}';

CREATE INDEX orders_external_ref_idx ON orders (external_ref) USING HASH;

ALTER TABLE users ADD CONSTRAINT users_name_phone_key UNIQUE (name, phone);

CREATE INDEX users_login_count_idx ON users (login_count);
