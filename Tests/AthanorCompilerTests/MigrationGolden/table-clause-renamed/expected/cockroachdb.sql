-- Written by athanor migrate diff. Dialect: CockroachDB.
-- Each statement runs in its own transaction (one schema change per transaction), recorded as it succeeds.

ALTER TABLE orders RENAME TO purchases;

ALTER TABLE purchases RENAME CONSTRAINT orders_pkey TO purchases_pkey;

ALTER INDEX purchases@orders_customer_id_external_ref_key RENAME TO purchases_customer_id_external_ref_key;

ALTER INDEX purchases@orders_status_idx RENAME TO purchases_status_idx;

ALTER TABLE purchases RENAME CONSTRAINT orders_customer_id_fkey TO purchases_customer_id_fkey;
