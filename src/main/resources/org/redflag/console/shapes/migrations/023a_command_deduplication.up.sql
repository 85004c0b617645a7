-- At most one pending command per agent and command type, and an idempotency key so a repeated
-- request finds the command it already made. The unique index fails on a database that already
-- holds duplicate pending commands (v0.1.18 had no such guard).
CREATE UNIQUE INDEX idx_agent_pending_subsystem ON agent_commands (agent_id, command_type, status)
    WHERE status = 'pending';
ALTER TABLE agent_commands ADD COLUMN idempotency_key varchar(64) UNIQUE;
-- Redundant with the unique constraint's own index, as in RedFlag's file.
CREATE INDEX idx_agent_commands_idempotency_key ON agent_commands (idempotency_key);
