-- A timeline of what happens on agents and the server (errors, state changes), searchable by
-- type, component, severity and metadata (GIN).
CREATE TABLE IF NOT EXISTS system_events (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    agent_id      uuid REFERENCES agents (id) ON DELETE CASCADE,
    event_type    varchar(50) NOT NULL,
    event_subtype varchar(50) NOT NULL,
    severity      varchar(20) NOT NULL,
    component     varchar(50) NOT NULL,
    message       text,
    metadata      jsonb DEFAULT '{}',
    created_at    timestamptz DEFAULT now()
);
CREATE INDEX IF NOT EXISTS idx_system_events_agent_id ON system_events (agent_id);
CREATE INDEX IF NOT EXISTS idx_system_events_type_subtype ON system_events (event_type, event_subtype);
CREATE INDEX IF NOT EXISTS idx_system_events_created_at ON system_events (created_at DESC);
CREATE INDEX IF NOT EXISTS idx_system_events_severity ON system_events (severity);
CREATE INDEX IF NOT EXISTS idx_system_events_component ON system_events (component);
CREATE INDEX IF NOT EXISTS idx_system_events_agent_timeline ON system_events (agent_id, created_at DESC);
CREATE INDEX IF NOT EXISTS idx_system_events_errors ON system_events (severity, created_at DESC)
    WHERE severity IN ('error', 'critical');
CREATE INDEX IF NOT EXISTS idx_system_events_metadata_gin ON system_events USING gin (metadata);
