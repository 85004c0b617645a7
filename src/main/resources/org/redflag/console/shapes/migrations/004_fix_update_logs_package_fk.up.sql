-- update_logs.update_package_id now names a row of current_package_state (003), not update_packages:
-- the same constraint name is dropped and re-created, and the column gets an index.
ALTER TABLE update_logs DROP CONSTRAINT IF EXISTS update_logs_update_package_id_fkey;
ALTER TABLE update_logs ADD CONSTRAINT update_logs_update_package_id_fkey
    FOREIGN KEY (update_package_id) REFERENCES current_package_state (id) ON DELETE SET NULL;
CREATE INDEX IF NOT EXISTS idx_logs_update_package ON update_logs (update_package_id);
