-- Check-ins report the version an agent actually runs (current_version, '0.0.0' until the first
-- report), whether an update is available and when that was last checked.
ALTER TABLE agents ADD COLUMN current_version varchar(50) DEFAULT '0.0.0';
ALTER TABLE agents ADD COLUMN update_available boolean DEFAULT false;
ALTER TABLE agents ADD COLUMN last_version_check timestamp DEFAULT CURRENT_TIMESTAMP;
CREATE INDEX idx_agents_update_available ON agents (update_available);
CREATE INDEX idx_agents_current_version ON agents (current_version);
