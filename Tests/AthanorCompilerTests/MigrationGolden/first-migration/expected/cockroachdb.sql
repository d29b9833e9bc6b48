-- Written by athanor migrate diff. Dialect: CockroachDB.
-- Each statement runs in its own transaction (one schema change per transaction), recorded as it succeeds.

CREATE TYPE order_status AS ENUM ('pending', 'paid');

CREATE TABLE tag (
    id INT8 NOT NULL DEFAULT unique_rowid(),
    label STRING NOT NULL,
    parent_id INT8,
    note STRING NOT NULL DEFAULT 'it''s; -- not a comment',
    CONSTRAINT tag_pkey PRIMARY KEY (id),
    CONSTRAINT tag_parent_id_fkey FOREIGN KEY (parent_id) REFERENCES tag (id) ON DELETE SET NULL
);

CREATE TABLE users (
    id UUID NOT NULL DEFAULT gen_random_uuid(),
    email STRING NOT NULL,
    name STRING NOT NULL,
    nickname STRING,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT users_pkey PRIMARY KEY (id),
    CONSTRAINT users_email_key UNIQUE (email)
);

CREATE TABLE orders (
    id UUID NOT NULL DEFAULT gen_random_uuid(),
    customer_id UUID NOT NULL,
    external_ref STRING NOT NULL,
    status order_status NOT NULL DEFAULT 'pending',
    total_cents INT4 NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT orders_pkey PRIMARY KEY (id),
    CONSTRAINT orders_customer_id_external_ref_key UNIQUE (customer_id, external_ref),
    CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES users (id) ON DELETE CASCADE
);

CREATE INDEX users_created_at_idx ON users (created_at) USING HASH;

CREATE INDEX orders_status_idx ON orders (status);
