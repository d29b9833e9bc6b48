-- Written by athanor migrate diff. Dialect: PostgreSQL.
-- Runs in one transaction; a statement marked athanor:no-transaction runs on its own, in file order.

-- athanor:no-transaction
ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'draft' BEFORE 'pending';

-- athanor:no-transaction
ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'onHold' AFTER 'pending';

-- athanor:no-transaction
ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'refunded' AFTER 'paid';

ALTER TABLE orders ADD COLUMN previous_status order_status NOT NULL DEFAULT 'onHold';
