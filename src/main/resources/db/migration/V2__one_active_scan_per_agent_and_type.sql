-- At most one active (pending or sent) command per agent and command type. The rule lives in the
-- database so that rapid clicks and several consoles at once cannot queue duplicates; the console
-- enqueues with INSERT ... ON CONFLICT DO NOTHING against this index.
CREATE UNIQUE INDEX idx_agent_commands_one_active
    ON agent_commands (agent_id, command_type)
    WHERE status IN ('pending', 'sent');
