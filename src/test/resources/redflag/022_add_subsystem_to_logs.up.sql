ALTER TABLE update_logs ADD COLUMN subsystem varchar(50);
ALTER TABLE update_logs ADD CONSTRAINT update_logs_subsystem_check
    CHECK (subsystem IS NULL OR subsystem IN ('updates', 'storage', 'system', 'docker'));
