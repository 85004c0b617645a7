-- A signed command names the key that signed it and when, so keys can be rotated.
ALTER TABLE agent_commands ADD COLUMN IF NOT EXISTS key_id varchar(64);
ALTER TABLE agent_commands ADD COLUMN IF NOT EXISTS signed_at timestamp;
CREATE INDEX IF NOT EXISTS idx_agent_commands_key_id ON agent_commands (key_id);
