-- Errors seen by the web client are kept server-side. Deleting an agent keeps its errors
-- (agent_id becomes NULL).
CREATE TABLE IF NOT EXISTS client_errors (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    agent_id    uuid REFERENCES agents (id) ON DELETE SET NULL,
    subsystem   varchar(50) NOT NULL,
    error_type  varchar(50) NOT NULL,
    message     text NOT NULL,
    stack_trace text,
    metadata    jsonb,
    url         text NOT NULL,
    user_agent  text,
    created_at  timestamp DEFAULT now()
);
CREATE INDEX IF NOT EXISTS idx_client_errors_agent_time ON client_errors (agent_id, created_at DESC);
CREATE INDEX IF NOT EXISTS idx_client_errors_subsystem_time ON client_errors (subsystem, created_at DESC);
CREATE INDEX IF NOT EXISTS idx_client_errors_error_type_time ON client_errors (error_type, created_at DESC);
CREATE INDEX IF NOT EXISTS idx_client_errors_created_at ON client_errors (created_at DESC);
