-- V15's index again, ascending, for the reason V21 gives: every new command is pending, so every one goes in here.
-- Built CONCURRENTLY, alone, like V15. V24 drops V15's.
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_agent_commands_in_flight_by_created
    ON agent_commands (created_at, id) WHERE status IN ('pending', 'sent', 'running');
