-- Searching the History for text inside stdout/stderr ("contains", case-insensitive) is an ILIKE '%…%'.
-- A trigram index turns that from a scan of every output ever recorded into an index lookup. pg_trgm is
-- a trusted contrib extension (PostgreSQL 13+: a database owner may create it) and ships with the
-- embedded server; on a server where it is missing or not allowed, the search still works, bounded by
-- the console's query timeout, and this migration says so instead of failing the whole upgrade.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm') THEN
        RAISE NOTICE 'pg_trgm is not installed on this server: text search in the History scans outputs';
        RETURN;
    END IF;
    BEGIN
        CREATE EXTENSION IF NOT EXISTS pg_trgm;
    EXCEPTION WHEN insufficient_privilege THEN
        RAISE NOTICE 'not allowed to create pg_trgm: text search in the History scans outputs';
        RETURN;
    END;
    CREATE INDEX idx_update_logs_stdout_trgm ON update_logs USING gin (stdout gin_trgm_ops);
    CREATE INDEX idx_update_logs_stderr_trgm ON update_logs USING gin (stderr gin_trgm_ops);
END
$$;
