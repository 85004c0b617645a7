CREATE TABLE agent_update_packages (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    agent_id   uuid NOT NULL REFERENCES agents (id),
    package    varchar(255) NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE agents ADD COLUMN machine_id VARCHAR(64);
CREATE INDEX idx_agents_machine_id ON agents (machine_id);
