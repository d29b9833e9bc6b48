-- Written by athanor migrate diff. Dialect: CockroachDB.
-- Each statement runs in its own transaction (one schema change per transaction), recorded as it succeeds.

ALTER TABLE note DROP CONSTRAINT note_account_id_fkey;

DROP TABLE accounts;

ALTER TABLE members RENAME TO accounts;

DROP INDEX accounts@members_handle_name_idx;

ALTER TABLE accounts DROP COLUMN handle;

ALTER TABLE accounts RENAME COLUMN nickname TO handle;

ALTER TABLE accounts RENAME CONSTRAINT members_pkey TO accounts_pkey;

ALTER INDEX accounts@members_nickname_key RENAME TO accounts_handle_key;

ALTER TABLE note ADD CONSTRAINT note_account_id_fkey FOREIGN KEY (account_id) REFERENCES accounts (id);
