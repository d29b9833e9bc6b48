-- Written by athanor migrate diff. Dialect: CockroachDB.
-- Each statement runs in its own transaction (one schema change per transaction), recorded as it succeeds.

ALTER TABLE users RENAME TO member;

ALTER TABLE member RENAME COLUMN email TO mail;

ALTER TABLE member RENAME COLUMN name TO full_name;

ALTER TABLE orders RENAME COLUMN external_ref TO reference;

ALTER TABLE member RENAME CONSTRAINT users_pkey TO member_pkey;

ALTER INDEX member@users_email_key RENAME TO member_mail_key;

ALTER INDEX member@users_created_at_idx RENAME TO member_created_at_idx;

ALTER INDEX orders@orders_customer_id_external_ref_key RENAME TO orders_customer_id_reference_key;
