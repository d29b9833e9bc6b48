-- Written by athanor migrate diff. Dialect: CockroachDB.
-- Each statement runs in its own transaction (one schema change per transaction), recorded as it succeeds.

CREATE TYPE order_status AS ENUM ('pending', 'paid', 'shipped', 'cancelled');

CREATE TABLE audit_events (
    id INT8 NOT NULL DEFAULT unique_rowid(),
    actor_id UUID,
    action STRING NOT NULL,
    payload JSONB NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT audit_events_pkey PRIMARY KEY (id)
);

CREATE TABLE product (
    id UUID NOT NULL DEFAULT gen_random_uuid(),
    sku STRING NOT NULL,
    title STRING NOT NULL,
    price_cents INT8 NOT NULL,
    weight_grams INT4,
    ratio FLOAT8,
    amount DECIMAL,
    active BOOL NOT NULL DEFAULT true,
    thumbnail BYTES,
    attributes JSONB,
    tags STRING[] NOT NULL DEFAULT '{}',
    CONSTRAINT product_pkey PRIMARY KEY (id),
    CONSTRAINT product_sku_key UNIQUE (sku)
);

CREATE TABLE users (
    id UUID NOT NULL DEFAULT gen_random_uuid(),
    email STRING NOT NULL,
    name STRING NOT NULL,
    nickname STRING,
    login_count INT8 NOT NULL DEFAULT 0,
    preferences JSONB NOT NULL DEFAULT '{}',
    roles STRING[] NOT NULL DEFAULT '{}',
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
    total_cents INT8 NOT NULL,
    currency STRING NOT NULL DEFAULT 'EUR',
    note STRING,
    placed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT orders_pkey PRIMARY KEY (id),
    CONSTRAINT orders_customer_id_external_ref_key UNIQUE (customer_id, external_ref),
    CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES users (id) ON DELETE CASCADE
);

CREATE INDEX audit_events_created_at_idx ON audit_events (created_at);

CREATE INDEX users_created_at_idx ON users (created_at) USING HASH;

CREATE INDEX orders_status_placed_at_idx ON orders (status, placed_at);
