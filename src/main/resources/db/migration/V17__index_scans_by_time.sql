-- The Overview's scan charts count the last 7 days of scans by hour, subsystem and result. On the executed_at
-- index alone each of those rows is a visit to the table (bench, 1,000,000 rows: 68,000 scans in the week,
-- 21,000 pages, 430 ms); with subsystem and result in the index an index-only scan answers from the index wherever
-- the table's pages are all-visible, which autovacuum makes them soon after an append-only table is written.
-- Built CONCURRENTLY, alone: agents keep reporting while it builds.
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_update_logs_scans_executed
    ON update_logs (executed_at) INCLUDE (subsystem, result) WHERE action <> 'console_error';
