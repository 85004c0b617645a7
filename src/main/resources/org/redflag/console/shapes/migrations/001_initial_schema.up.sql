-- RedFlag's first schema (v0.1.18, file 001): agents, their specs, the legacy update_packages, the
-- update_logs history, tags, users and agent_commands. Ids come from uuid_generate_v4(), so the
-- uuid-ossp extension is created first; times are timestamp without time zone, as RedFlag has them.
CREATE EXTENSION IF NOT EXISTS "uuid-ossp";

CREATE TABLE agents (
    id              uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
    hostname        varchar(255) NOT NULL,
    os_type         varchar(50) NOT NULL CHECK (os_type IN ('windows', 'linux', 'macos')),
    os_version      varchar(100),
    os_architecture varchar(20),
    agent_version   varchar(20) NOT NULL,
    last_seen       timestamp NOT NULL DEFAULT now(),
    status          varchar(20) DEFAULT 'online' CHECK (status IN ('online', 'offline', 'error')),
    metadata        jsonb,
    created_at      timestamp DEFAULT now(),
    updated_at      timestamp DEFAULT now()
);
CREATE INDEX idx_agents_status ON agents (status);
CREATE INDEX idx_agents_os_type ON agents (os_type);
CREATE INDEX idx_agents_last_seen ON agents (last_seen);

CREATE TABLE agent_specs (
    id                 uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
    agent_id           uuid REFERENCES agents (id) ON DELETE CASCADE,
    cpu_model          varchar(255),
    cpu_cores          integer,
    memory_total_mb    integer,
    disk_total_gb      integer,
    disk_free_gb       integer,
    network_interfaces jsonb,
    docker_installed   boolean DEFAULT false,
    docker_version     varchar(50),
    package_managers   text[],
    collected_at       timestamp DEFAULT now()
);
CREATE INDEX idx_agent_specs_agent_id ON agent_specs (agent_id);

CREATE TABLE update_packages (
    id                  uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
    agent_id            uuid REFERENCES agents (id) ON DELETE CASCADE,
    package_type        varchar(50) NOT NULL,
    package_name        varchar(500) NOT NULL,
    package_description text,
    current_version     varchar(100),
    available_version   varchar(100) NOT NULL,
    severity            varchar(20) CHECK (severity IN ('critical', 'important', 'moderate', 'low', 'none')),
    cve_list            text[],
    kb_id               varchar(50),
    repository_source   varchar(255),
    size_bytes          bigint,
    status              varchar(30) DEFAULT 'pending'
        CHECK (status IN ('pending', 'approved', 'scheduled', 'installing', 'installed', 'failed', 'ignored')),
    discovered_at       timestamp DEFAULT now(),
    approved_by         varchar(255),
    approved_at         timestamp,
    scheduled_for       timestamp,
    installed_at        timestamp,
    error_message       text,
    metadata            jsonb,
    -- PostgreSQL cuts the generated name to 63 characters (…_availabl_key), as on RedFlag's databases.
    UNIQUE (agent_id, package_type, package_name, available_version)
);
CREATE INDEX idx_updates_status ON update_packages (status);
CREATE INDEX idx_updates_agent ON update_packages (agent_id);
CREATE INDEX idx_updates_severity ON update_packages (severity);
CREATE INDEX idx_updates_package_type ON update_packages (package_type);
CREATE INDEX idx_updates_composite ON update_packages (status, severity, agent_id);

-- update_package_id first points at update_packages; 004 re-points the same constraint name.
CREATE TABLE update_logs (
    id                uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
    agent_id          uuid REFERENCES agents (id) ON DELETE CASCADE,
    update_package_id uuid REFERENCES update_packages (id) ON DELETE SET NULL,
    action            varchar(50) NOT NULL,
    result            varchar(20) NOT NULL CHECK (result IN ('success', 'failed', 'partial')),
    stdout            text,
    stderr            text,
    exit_code         integer,
    duration_seconds  integer,
    executed_at       timestamp DEFAULT now()
);
CREATE INDEX idx_logs_agent ON update_logs (agent_id);
CREATE INDEX idx_logs_result ON update_logs (result);
CREATE INDEX idx_logs_executed_at ON update_logs (executed_at DESC);

CREATE TABLE agent_tags (
    agent_id uuid REFERENCES agents (id) ON DELETE CASCADE,
    tag      varchar(100) NOT NULL,
    PRIMARY KEY (agent_id, tag)
);

CREATE TABLE users (
    id            uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
    username      varchar(255) UNIQUE NOT NULL,
    email         varchar(255) UNIQUE NOT NULL,
    password_hash varchar(255) NOT NULL,
    role          varchar(50) DEFAULT 'user' CHECK (role IN ('admin', 'user', 'readonly')),
    created_at    timestamp DEFAULT now(),
    last_login    timestamp
);
-- Redundant with the unique constraints, as RedFlag has them (SCHEMA.md (g) 10).
CREATE INDEX idx_users_username ON users (username);
CREATE INDEX idx_users_email ON users (email);

CREATE TABLE agent_commands (
    id           uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
    agent_id     uuid REFERENCES agents (id) ON DELETE CASCADE,
    command_type varchar(50) NOT NULL,
    params       jsonb,
    status       varchar(20) DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'completed', 'failed')),
    created_at   timestamp DEFAULT now(),
    sent_at      timestamp,
    completed_at timestamp,
    result       jsonb
);
CREATE INDEX idx_commands_agent_status ON agent_commands (agent_id, status);
CREATE INDEX idx_commands_created_at ON agent_commands (created_at DESC);
