-- Commands say who queued them: a user ('manual') or the server itself ('system', e.g. the
-- scheduler or the automatic heartbeat).
ALTER TABLE agent_commands ADD COLUMN source varchar(20) NOT NULL DEFAULT 'manual';
ALTER TABLE agent_commands ADD CONSTRAINT agent_commands_source_check CHECK (source IN ('manual', 'system'));
CREATE INDEX idx_agent_commands_source ON agent_commands (source);
