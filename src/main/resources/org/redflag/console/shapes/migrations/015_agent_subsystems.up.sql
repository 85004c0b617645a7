-- Scans are split per subsystem (later generation, file 015): each agent gets updates, storage,
-- system and docker rows, back-filled for existing agents and made by a trigger for new ones.
CREATE TABLE IF NOT EXISTS agent_subsystems (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    agent_id         uuid NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    subsystem        varchar(50) NOT NULL,
    enabled          boolean DEFAULT true,
    interval_minutes integer DEFAULT 15,
    auto_run         boolean DEFAULT false,
    last_run_at      timestamp,
    next_run_at      timestamp,
    created_at       timestamp DEFAULT now(),
    updated_at       timestamp DEFAULT now(),
    UNIQUE (agent_id, subsystem)
);
CREATE INDEX IF NOT EXISTS idx_agent_subsystems_agent ON agent_subsystems (agent_id);
CREATE INDEX IF NOT EXISTS idx_agent_subsystems_subsystem ON agent_subsystems (subsystem);
CREATE INDEX IF NOT EXISTS idx_agent_subsystems_lookup ON agent_subsystems (agent_id, subsystem, enabled);
CREATE INDEX IF NOT EXISTS idx_agent_subsystems_next_run ON agent_subsystems (next_run_at)
    WHERE enabled = true AND auto_run = true;

-- Existing agents: the four default rows; docker stays off until the host is known to run it.
INSERT INTO agent_subsystems (agent_id, subsystem, enabled, interval_minutes, auto_run)
SELECT a.id, d.subsystem, d.enabled, d.interval_minutes, false
  FROM agents a
 CROSS JOIN (VALUES ('updates', true, 15), ('storage', true, 15), ('system', true, 30), ('docker', false, 15))
       AS d (subsystem, enabled, interval_minutes)
    ON CONFLICT (agent_id, subsystem) DO NOTHING;

CREATE OR REPLACE FUNCTION create_default_subsystems() RETURNS trigger AS $$
BEGIN
    INSERT INTO agent_subsystems (agent_id, subsystem, enabled, interval_minutes, auto_run)
    VALUES (NEW.id, 'updates', true, 15, false),
           (NEW.id, 'storage', true, 15, false),
           (NEW.id, 'system', true, 30, false),
           (NEW.id, 'docker', false, 15, false)
        ON CONFLICT (agent_id, subsystem) DO NOTHING;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS trigger_create_default_subsystems ON agents;
CREATE TRIGGER trigger_create_default_subsystems
    AFTER INSERT ON agents
    FOR EACH ROW EXECUTE FUNCTION create_default_subsystems();
