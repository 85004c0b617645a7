-- Commands expire instead of waiting forever: pending commands without an expiry get 24 hours
-- from their creation; new ones get theirs from the server.
ALTER TABLE agent_commands ADD COLUMN IF NOT EXISTS expires_at timestamp;
CREATE INDEX IF NOT EXISTS idx_agent_commands_expires_at ON agent_commands (expires_at)
    WHERE expires_at IS NOT NULL;
UPDATE agent_commands
   SET expires_at = created_at + interval '24 hours'
 WHERE status = 'pending' AND expires_at IS NULL;
