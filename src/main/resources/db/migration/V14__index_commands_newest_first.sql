-- The Operations view pages every command of the fleet newest first, by (created_at, id), filtered by status
-- and type. The only ordered index on commands leads with agent_id, so without this one each page sorted the
-- whole table. Built CONCURRENTLY, alone: agents keep taking and answering commands while it builds.
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_agent_commands_created_id
    ON agent_commands (created_at DESC, id DESC);
