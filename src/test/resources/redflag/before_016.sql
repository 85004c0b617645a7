-- A RedFlag database as its Go runner left it before migration 016: a few core tables and the runner's
-- own record of applied files. Only what the audit's catalog looks at.
CREATE TABLE schema_migrations (
    version    varchar(255) PRIMARY KEY,
    applied_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE agents (
    id       uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    hostname varchar(255) NOT NULL
);
CREATE TABLE agent_commands (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    agent_id     uuid NOT NULL REFERENCES agents (id),
    command_type varchar(50) NOT NULL,
    status       varchar(20) NOT NULL DEFAULT 'pending'
);
CREATE TABLE update_logs (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    agent_id    uuid REFERENCES agents (id),
    action      varchar(50) NOT NULL,
    result      varchar(20) NOT NULL,
    executed_at timestamptz NOT NULL DEFAULT now()
);
