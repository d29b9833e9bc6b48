-- Written by athanor migrate diff. Dialect: PostgreSQL.
-- Runs in one transaction; a statement marked athanor:no-transaction runs on its own, in file order.

ALTER TABLE "left" DROP CONSTRAINT left_right_id_fkey;

ALTER TABLE "right" DROP CONSTRAINT right_left_id_fkey;

DROP TABLE "left";

DROP TABLE "right";
