-- Every console error carries a key made when it happened. An error that had to wait in the local spool
-- (database unreachable) is written with INSERT ... ON CONFLICT on this key, so replaying the spool after
-- a crash between "row written" and "spool trimmed" cannot write it twice.
-- Adding a nullable column without a default changes only the catalog, even on a table of many millions
-- of rows; the index covers only the rows that have a key (console errors), so it stays small.
ALTER TABLE update_logs ADD COLUMN idempotency_key uuid;

CREATE UNIQUE INDEX idx_update_logs_idempotency_key
    ON update_logs (idempotency_key)
    WHERE idempotency_key IS NOT NULL;
