-- History rows say which subsystem they belong to. Existing scan rows are back-filled from their
-- action (scan_windows and other scans stay NULL), then a check admits only known subsystems.
ALTER TABLE update_logs ADD COLUMN IF NOT EXISTS subsystem varchar(50);
CREATE INDEX IF NOT EXISTS idx_logs_subsystem ON update_logs (subsystem);
CREATE INDEX IF NOT EXISTS idx_logs_agent_subsystem ON update_logs (agent_id, subsystem);

UPDATE update_logs
   SET subsystem = CASE action
                       WHEN 'scan_docker' THEN 'docker'
                       WHEN 'scan_storage' THEN 'storage'
                       WHEN 'scan_system' THEN 'system'
                       WHEN 'scan_apt' THEN 'apt'
                       WHEN 'scan_dnf' THEN 'dnf'
                       WHEN 'scan_winget' THEN 'winget'
                       WHEN 'scan_updates' THEN 'updates'
                   END
 WHERE action LIKE 'scan_%' AND subsystem IS NULL;

ALTER TABLE update_logs ADD CONSTRAINT chk_update_logs_subsystem
    CHECK (subsystem IS NULL OR subsystem IN ('docker', 'storage', 'system', 'apt', 'dnf', 'winget', 'updates',
                                              'agent', 'security', 'network', 'heartbeat'));
