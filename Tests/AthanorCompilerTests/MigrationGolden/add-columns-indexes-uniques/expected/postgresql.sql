-- Written by athanor migrate diff. Dialect: PostgreSQL.
-- Runs in one transaction; a statement marked athanor:no-transaction runs on its own, in file order.

ALTER TABLE users ADD COLUMN login_count BIGINT NOT NULL DEFAULT 0;

ALTER TABLE users ADD COLUMN phone TEXT;

ALTER TABLE users ADD COLUMN roles TEXT[] NOT NULL DEFAULT '{}';

CREATE INDEX orders_external_ref_idx ON orders (external_ref);

ALTER TABLE users ADD CONSTRAINT users_name_phone_key UNIQUE (name, phone);

CREATE INDEX users_login_count_idx ON users (login_count);
