-- Agents report when a host needs a reboot, why, and when it last rebooted; a partial index finds
-- the hosts waiting for one.
ALTER TABLE agents ADD COLUMN reboot_required boolean DEFAULT false;
ALTER TABLE agents ADD COLUMN last_reboot_at timestamp;
ALTER TABLE agents ADD COLUMN reboot_reason text DEFAULT '';
CREATE INDEX idx_agents_reboot_required ON agents (reboot_required) WHERE reboot_required = true;
