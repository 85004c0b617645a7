-- Commands stuck in pending/sent are re-sent a bounded number of times: count the re-sends.
ALTER TABLE agent_commands ADD COLUMN IF NOT EXISTS retry_count integer NOT NULL DEFAULT 0;
CREATE INDEX IF NOT EXISTS idx_agent_commands_retry_count ON agent_commands (retry_count)
    WHERE status IN ('pending', 'sent');
