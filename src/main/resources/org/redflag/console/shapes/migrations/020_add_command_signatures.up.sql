-- Commands are signed (Ed25519, hex): agent_commands gets a signature column, and the server gets
-- tables for its security settings (with an audit trail), security incidents and signing keys.
-- Ids here use uuid_generate_v4(), like 001's tables.
ALTER TABLE agent_commands ADD COLUMN IF NOT EXISTS signature varchar(128);

CREATE TABLE IF NOT EXISTS security_settings (
    id               uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
    category         varchar(50) NOT NULL,
    key              varchar(100) NOT NULL,
    value            jsonb NOT NULL,
    value_type       varchar(20) NOT NULL,
    requires_restart boolean DEFAULT false,
    updated_at       timestamp DEFAULT now(),
    updated_by       uuid REFERENCES users (id),
    is_encrypted     boolean DEFAULT false,
    description      text,
    validation_rules jsonb,
    UNIQUE (category, key),
    CONSTRAINT chk_value_type CHECK (value_type IN ('string', 'number', 'boolean', 'array', 'object'))
);
CREATE INDEX IF NOT EXISTS idx_security_settings_category ON security_settings (category);
CREATE INDEX IF NOT EXISTS idx_security_settings_restart ON security_settings (requires_restart);

CREATE TABLE IF NOT EXISTS security_settings_audit (
    id             uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
    setting_id     uuid REFERENCES security_settings (id),
    previous_value jsonb,
    new_value      jsonb,
    changed_by     uuid REFERENCES users (id),
    changed_at     timestamp DEFAULT now(),
    ip_address     inet,
    user_agent     text,
    reason         text
);
CREATE INDEX IF NOT EXISTS idx_security_audit_setting_id ON security_settings_audit (setting_id);
CREATE INDEX IF NOT EXISTS idx_security_audit_changed_at ON security_settings_audit (changed_at);

CREATE TABLE IF NOT EXISTS security_incidents (
    id            uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
    incident_type varchar(50) NOT NULL,
    severity      varchar(20) NOT NULL,
    agent_id      uuid REFERENCES agents (id),
    description   text NOT NULL,
    metadata      jsonb,
    resolved      boolean DEFAULT false,
    resolved_at   timestamp,
    resolved_by   uuid REFERENCES users (id),
    created_at    timestamp DEFAULT now(),
    CONSTRAINT chk_incident_severity CHECK (severity IN ('low', 'medium', 'high', 'critical'))
);
CREATE INDEX IF NOT EXISTS idx_security_incidents_type ON security_incidents (incident_type);
CREATE INDEX IF NOT EXISTS idx_security_incidents_severity ON security_incidents (severity);
CREATE INDEX IF NOT EXISTS idx_security_incidents_resolved ON security_incidents (resolved);

CREATE TABLE IF NOT EXISTS signing_keys (
    id            uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
    key_id        varchar(64) NOT NULL UNIQUE,
    public_key    text NOT NULL,
    algorithm     varchar(20) DEFAULT 'ed25519',
    is_active     boolean DEFAULT true,
    is_primary    boolean DEFAULT false,
    created_at    timestamp DEFAULT now(),
    deprecated_at timestamp,
    version       integer DEFAULT 1,
    CONSTRAINT chk_algorithm CHECK (algorithm IN ('ed25519', 'rsa', 'ecdsa', 'rsa-pss'))
);
CREATE INDEX IF NOT EXISTS idx_signing_keys_active ON signing_keys (is_active, is_primary);
CREATE INDEX IF NOT EXISTS idx_signing_keys_algorithm ON signing_keys (algorithm);
