-- Written by athanor migrate diff. Dialect: CockroachDB.
-- Each statement runs in its own transaction (one schema change per transaction), recorded as it succeeds.

ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'draft' BEFORE 'pending';

ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'onHold' AFTER 'pending';

ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'refunded' AFTER 'paid';

ALTER TABLE orders ADD COLUMN previous_status order_status NOT NULL DEFAULT 'onHold';
