-- Written by athanor migrate diff. Dialect: PostgreSQL.
-- Runs in one transaction; a statement marked athanor:no-transaction runs on its own, in file order.

ALTER TABLE users RENAME TO member;

ALTER TABLE member RENAME COLUMN email TO mail;

ALTER TABLE member RENAME COLUMN name TO full_name;

ALTER TABLE orders RENAME COLUMN external_ref TO reference;

ALTER TABLE member RENAME CONSTRAINT users_pkey TO member_pkey;

ALTER TABLE member RENAME CONSTRAINT users_email_key TO member_mail_key;

ALTER INDEX users_created_at_idx RENAME TO member_created_at_idx;

ALTER TABLE orders RENAME CONSTRAINT orders_customer_id_external_ref_key TO orders_customer_id_reference_key;
