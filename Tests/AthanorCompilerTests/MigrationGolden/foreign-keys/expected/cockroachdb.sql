-- Written by athanor migrate diff. Dialect: CockroachDB.
-- Each statement runs in its own transaction (one schema change per transaction), recorded as it succeeds.

ALTER TABLE orders DROP CONSTRAINT orders_customer_id_fkey;

ALTER TABLE team DROP CONSTRAINT team_owner_id_fkey;

CREATE TABLE player (
    id UUID NOT NULL DEFAULT gen_random_uuid(),
    handle STRING NOT NULL,
    team_id UUID,
    CONSTRAINT player_pkey PRIMARY KEY (id),
    CONSTRAINT player_handle_key UNIQUE (handle),
    CONSTRAINT player_team_id_fkey FOREIGN KEY (team_id) REFERENCES team (id) ON DELETE SET NULL
);

ALTER TABLE team ADD COLUMN lead_id UUID;

ALTER TABLE orders ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES users (id) ON DELETE RESTRICT;

ALTER TABLE team ADD CONSTRAINT team_lead_id_fkey FOREIGN KEY (lead_id) REFERENCES player (id) ON DELETE SET NULL;
