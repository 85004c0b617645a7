-- Failed and timed-out commands can be archived out of the active list: the status check gains
-- archived_failed (8 values, the v0.1.18 set).
ALTER TABLE agent_commands DROP CONSTRAINT IF EXISTS agent_commands_status_check;
ALTER TABLE agent_commands ADD CONSTRAINT agent_commands_status_check
    CHECK (status IN ('pending', 'sent', 'running', 'completed', 'failed', 'timed_out', 'cancelled',
                      'archived_failed'));
