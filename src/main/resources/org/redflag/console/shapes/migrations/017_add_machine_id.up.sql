-- A machine id must identify one agent: the plain index of 016 is replaced by a unique partial
-- one (agents without a machine id are not constrained). Plain CREATE INDEX, not CONCURRENTLY:
-- the runner runs every file inside a transaction.
DROP INDEX IF EXISTS idx_agents_machine_id;
CREATE UNIQUE INDEX IF NOT EXISTS idx_agents_machine_id_unique ON agents (machine_id) WHERE machine_id IS NOT NULL;
