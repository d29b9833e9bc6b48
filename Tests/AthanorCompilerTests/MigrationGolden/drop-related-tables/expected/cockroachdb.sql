-- Written by athanor migrate diff. Dialect: CockroachDB.
-- Each statement runs in its own transaction (one schema change per transaction), recorded as it succeeds.

ALTER TABLE "left" DROP CONSTRAINT left_right_id_fkey;

ALTER TABLE "right" DROP CONSTRAINT right_left_id_fkey;

DROP TABLE "left";

DROP TABLE "right";
