-- Written by athanor migrate diff. Dialect: PostgreSQL.
-- Runs in one transaction; a statement marked athanor:no-transaction runs on its own, in file order.

ALTER TABLE orders RENAME TO purchases;

ALTER TABLE purchases RENAME CONSTRAINT orders_pkey TO purchases_pkey;

ALTER TABLE purchases RENAME CONSTRAINT orders_customer_id_external_ref_key TO purchases_customer_id_external_ref_key;

ALTER INDEX orders_status_idx RENAME TO purchases_status_idx;

ALTER TABLE purchases RENAME CONSTRAINT orders_customer_id_fkey TO purchases_customer_id_fkey;
