-- A retried command remembers the command it retries; deleting the original keeps the retry.
ALTER TABLE agent_commands ADD COLUMN retried_from_id uuid REFERENCES agent_commands (id) ON DELETE SET NULL;
CREATE INDEX idx_commands_retried_from ON agent_commands (retried_from_id) WHERE retried_from_id IS NOT NULL;
