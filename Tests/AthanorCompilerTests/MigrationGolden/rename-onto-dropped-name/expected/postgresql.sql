-- Written by athanor migrate diff. Dialect: PostgreSQL.
-- Runs in one transaction; a statement marked athanor:no-transaction runs on its own, in file order.

ALTER TABLE note DROP CONSTRAINT note_account_id_fkey;

DROP TABLE accounts;

ALTER TABLE members RENAME TO accounts;

DROP INDEX members_handle_name_idx;

ALTER TABLE accounts DROP COLUMN handle;

ALTER TABLE accounts RENAME COLUMN nickname TO handle;

ALTER TABLE accounts RENAME CONSTRAINT members_pkey TO accounts_pkey;

ALTER TABLE accounts RENAME CONSTRAINT members_nickname_key TO accounts_handle_key;

ALTER TABLE note ADD CONSTRAINT note_account_id_fkey FOREIGN KEY (account_id) REFERENCES accounts (id);
