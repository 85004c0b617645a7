-- The Agents view sorts by last seen (both ways), a page at a time after the last row's key. An agent never seen
-- has a NULL last_seen: the key puts it first ascending (seen longest ago) and last descending, with
-- (last_seen IS NOT NULL, coalesce(last_seen, '-infinity'), id), the exact expressions of AgentOrderSql, so one
-- index serves both directions. Built CONCURRENTLY, in a script of its own: agents check in while it builds.
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_agents_last_seen_id
    ON agents ((last_seen IS NOT NULL), (coalesce(last_seen, '-infinity'::timestamptz)), id);
