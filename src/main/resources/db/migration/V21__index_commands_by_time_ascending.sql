-- V14's index again, ascending: a page newest first reads it backwards just as well, and a new command, the newest,
-- now goes to its last page (PostgreSQL keeps a pointer to the rightmost leaf and skips the descent) where the
-- descending one put it first, splitting the leftmost page. Queueing a scan on the whole fleet gives its commands
-- ids in time order too, so this index and the primary key are filled at their right end. V22 drops V14's.
-- Built CONCURRENTLY, alone, like V14.
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_agent_commands_by_created
    ON agent_commands (created_at, id);
