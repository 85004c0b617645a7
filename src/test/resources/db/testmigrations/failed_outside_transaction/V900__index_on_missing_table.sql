-- Fails on purpose, outside a transaction, so Flyway has to record it as FAILED.
CREATE UNIQUE INDEX CONCURRENTLY idx_nowhere ON no_such_table (id);
