-- The Agents view sorts by agent version (both ways), a page at a time after the last row's key. A version may be
-- NULL (not reported yet): the key puts those first ascending and last descending, with (version IS NOT NULL,
-- coalesce(version, ''), id), the exact expressions of AgentOrderSql, so one index serves both directions.
-- Built CONCURRENTLY, in a script of its own: agents keep checking in while it builds.
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_agents_version_id
    ON agents ((agent_version IS NOT NULL), (coalesce(agent_version, '')), id);
