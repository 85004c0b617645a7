-- Agents can update themselves: agents get a machine id (unique), a public key fingerprint and
-- update-in-progress columns; agent_update_packages lists signed agent binaries per platform.
ALTER TABLE agents ADD COLUMN IF NOT EXISTS machine_id varchar(64) UNIQUE;
ALTER TABLE agents ADD COLUMN IF NOT EXISTS public_key_fingerprint varchar(16);
ALTER TABLE agents ADD COLUMN IF NOT EXISTS is_updating boolean DEFAULT false;
ALTER TABLE agents ADD COLUMN IF NOT EXISTS updating_to_version varchar(50);
ALTER TABLE agents ADD COLUMN IF NOT EXISTS update_initiated_at timestamp;
CREATE INDEX IF NOT EXISTS idx_agents_machine_id ON agents (machine_id);
CREATE INDEX IF NOT EXISTS idx_agents_public_key_fingerprint ON agents (public_key_fingerprint);

CREATE TABLE IF NOT EXISTS agent_update_packages (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    version      varchar(50) NOT NULL,
    platform     varchar(50) NOT NULL,
    architecture varchar(20) NOT NULL,
    binary_path  varchar(500) NOT NULL,
    signature    varchar(128) NOT NULL,
    checksum     varchar(64) NOT NULL,
    file_size    bigint NOT NULL,
    created_at   timestamp DEFAULT now(),
    created_by   varchar(100) DEFAULT 'system',
    is_active    boolean DEFAULT true
);
CREATE INDEX IF NOT EXISTS idx_agent_update_packages_version ON agent_update_packages (version);
CREATE INDEX IF NOT EXISTS idx_agent_update_packages_platform ON agent_update_packages (platform, architecture);
CREATE INDEX IF NOT EXISTS idx_agent_update_packages_active ON agent_update_packages (is_active);
