-- The post-mortem's fix for RedFlag's 017: replace the plain index by a unique one without locking writes.
DROP INDEX IF EXISTS idx_machines_machine_id;
CREATE UNIQUE INDEX CONCURRENTLY idx_machines_machine_id_unique ON machines (machine_id) WHERE machine_id IS NOT NULL;
