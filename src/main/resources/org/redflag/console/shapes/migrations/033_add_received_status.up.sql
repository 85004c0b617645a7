-- Agents acknowledge delivery: a command the agent confirmed is 'received' (between sent and
-- running), with the time in received_at (timestamptz, unlike the other command times).
ALTER TABLE agent_commands DROP CONSTRAINT IF EXISTS agent_commands_status_check;
ALTER TABLE agent_commands ADD CONSTRAINT agent_commands_status_check
    CHECK (status IN ('pending', 'sent', 'received', 'running', 'completed', 'failed', 'timed_out', 'cancelled',
                      'archived_failed'));
ALTER TABLE agent_commands ADD COLUMN IF NOT EXISTS received_at timestamptz;
CREATE INDEX IF NOT EXISTS idx_agent_commands_status_received_at ON agent_commands (status, received_at)
    WHERE status = 'received';
