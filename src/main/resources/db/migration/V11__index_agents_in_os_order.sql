-- The Agents view sorts by OS (both ways) and filters by it, a page at a time after the last row's (os_type, id);
-- without this index every page sorts the whole agents table. The filter's choices (distinct OS types, counted)
-- read it alone. Built CONCURRENTLY, in a script of its own: agents keep checking in while it builds.
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_agents_os_type_id ON agents (os_type, id);
