-- Written by athanor migrate diff. Dialect: PostgreSQL.
-- Runs in one transaction; a statement marked athanor:no-transaction runs on its own, in file order.

ALTER TABLE paint ALTER COLUMN colour DROP DEFAULT;

ALTER TABLE paint ALTER COLUMN colour TYPE shade USING colour::TEXT::shade;

ALTER TABLE paint ALTER COLUMN colour SET DEFAULT 'red';

ALTER TABLE paint ALTER COLUMN legacy TYPE TEXT USING legacy::TEXT;

ALTER TABLE paint ALTER COLUMN tint TYPE shade USING tint::shade;
