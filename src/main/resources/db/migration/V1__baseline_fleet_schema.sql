-- Baseline of the RedFlag data model, with RedFlag's own table and column names so that its users
-- recognise it. Value sets that several tables share are domains: each is defined once, here.

CREATE DOMAIN os_type AS varchar(16)
    CHECK (VALUE IN ('linux', 'windows', 'macos'));

CREATE DOMAIN subsystem_name AS varchar(32)
    CHECK (VALUE IN ('updates', 'storage', 'system', 'docker'));

CREATE DOMAIN command_status AS varchar(16)
    CHECK (VALUE IN ('pending', 'sent', 'running', 'completed', 'failed', 'timed_out', 'cancelled'));

CREATE DOMAIN command_source AS varchar(16)
    CHECK (VALUE IN ('manual', 'system'));

CREATE DOMAIN log_result AS varchar(16)
    CHECK (VALUE IN ('success', 'failed', 'partial'));

CREATE DOMAIN severity_level AS varchar(16)
    CHECK (VALUE IN ('low', 'moderate', 'important', 'critical'));

CREATE TABLE agents (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    hostname        varchar(255) NOT NULL CHECK (hostname <> ''),
    os_type         os_type      NOT NULL,
    os_version      varchar(100),
    os_architecture varchar(32),
    agent_version   varchar(32),
    machine_id      varchar(64),
    last_seen       timestamptz,
    status          varchar(16)  NOT NULL DEFAULT 'online'
                    CHECK (status IN ('online', 'offline', 'error', 'updating')),
    reboot_required boolean      NOT NULL DEFAULT false,
    metadata        jsonb        NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(metadata) = 'object'),
    created_at      timestamptz  NOT NULL DEFAULT now(),
    updated_at      timestamptz  NOT NULL DEFAULT now()
);
-- One registration per machine; agents that have not reported a machine id yet are allowed.
CREATE UNIQUE INDEX idx_agents_machine_id_unique ON agents (machine_id) WHERE machine_id IS NOT NULL;
-- The Agents view pages case-insensitively by (lower(hostname), id).
CREATE INDEX idx_agents_hostname_id ON agents (lower(hostname), id);
CREATE INDEX idx_agents_last_seen ON agents (last_seen);

CREATE TABLE agent_subsystems (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    agent_id         uuid           NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    subsystem        subsystem_name NOT NULL,
    enabled          boolean        NOT NULL DEFAULT true,
    interval_minutes integer        NOT NULL DEFAULT 15 CHECK (interval_minutes BETWEEN 5 AND 1440),
    auto_run         boolean        NOT NULL DEFAULT false,
    last_run_at      timestamptz,
    next_run_at      timestamptz,
    created_at       timestamptz    NOT NULL DEFAULT now(),
    updated_at       timestamptz    NOT NULL DEFAULT now(),
    CONSTRAINT uq_agent_subsystems_agent_subsystem UNIQUE (agent_id, subsystem)
);
-- The scheduler only ever looks for enabled, auto-run subsystems that are due.
CREATE INDEX idx_agent_subsystems_due ON agent_subsystems (next_run_at) WHERE enabled AND auto_run;

CREATE TABLE agent_commands (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),  -- the database makes every id
    agent_id        uuid           NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    command_type    varchar(64)    NOT NULL CHECK (command_type <> ''),
    params          jsonb          NOT NULL DEFAULT '{}'::jsonb,
    status          command_status NOT NULL DEFAULT 'pending',
    source          command_source NOT NULL DEFAULT 'manual',
    created_at      timestamptz    NOT NULL DEFAULT now(),
    sent_at         timestamptz,
    completed_at    timestamptz,
    result          jsonb,
    retried_from_id uuid REFERENCES agent_commands (id) ON DELETE SET NULL,
    CONSTRAINT chk_agent_commands_sent_after_created CHECK (sent_at IS NULL OR sent_at >= created_at),
    CONSTRAINT chk_agent_commands_completed_after_created CHECK (completed_at IS NULL OR completed_at >= created_at)
);
CREATE INDEX idx_agent_commands_agent_created ON agent_commands (agent_id, created_at DESC, id DESC);
-- Agents poll for their pending work; keep that index small by covering only pending rows.
CREATE INDEX idx_agent_commands_pending ON agent_commands (agent_id, created_at) WHERE status = 'pending';
CREATE INDEX idx_agent_commands_retried_from ON agent_commands (retried_from_id) WHERE retried_from_id IS NOT NULL;

-- The history table: every scan result and every console error ends up here.
CREATE TABLE update_logs (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    agent_id         uuid REFERENCES agents (id) ON DELETE SET NULL,
    command_id       uuid REFERENCES agent_commands (id) ON DELETE SET NULL,
    action           varchar(64) NOT NULL CHECK (action <> ''),
    result           log_result  NOT NULL,
    subsystem        varchar(64),
    stdout           text,
    stderr           text,
    exit_code        integer,
    duration_seconds integer     CHECK (duration_seconds >= 0),
    metadata         jsonb       NOT NULL DEFAULT '{}'::jsonb,
    executed_at      timestamptz NOT NULL DEFAULT now()
);
-- Keyset paging, newest first, over the whole history and per agent.
CREATE INDEX idx_update_logs_executed ON update_logs (executed_at DESC, id DESC);
CREATE INDEX idx_update_logs_agent_executed ON update_logs (agent_id, executed_at DESC, id DESC);
CREATE INDEX idx_update_logs_command ON update_logs (command_id) WHERE command_id IS NOT NULL;

CREATE TABLE storage_metrics (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    agent_id        uuid          NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    command_id      uuid          REFERENCES agent_commands (id) ON DELETE SET NULL,
    mountpoint      varchar(512)  NOT NULL,
    device          varchar(255),
    disk_type       varchar(32),
    filesystem      varchar(32),
    total_bytes     bigint        NOT NULL CHECK (total_bytes >= 0),
    used_bytes      bigint        NOT NULL CHECK (used_bytes >= 0),
    available_bytes bigint        NOT NULL CHECK (available_bytes >= 0),
    used_percent    numeric(5, 2) NOT NULL CHECK (used_percent BETWEEN 0 AND 100),
    severity        severity_level NOT NULL DEFAULT 'low',
    created_at      timestamptz   NOT NULL DEFAULT now()
);
CREATE INDEX idx_storage_metrics_agent_mount_created ON storage_metrics (agent_id, mountpoint, created_at DESC);

CREATE TABLE update_packages (
    id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    agent_id          uuid           NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    command_id        uuid           REFERENCES agent_commands (id) ON DELETE SET NULL,
    package_type      varchar(16)    NOT NULL
                      CHECK (package_type IN ('apt', 'dnf', 'yum', 'windows', 'winget', 'brew')),
    name              varchar(255)   NOT NULL,
    current_version   varchar(128),
    available_version varchar(128)   NOT NULL,
    severity          severity_level NOT NULL DEFAULT 'low',
    created_at        timestamptz    NOT NULL DEFAULT now(),
    updated_at        timestamptz    NOT NULL DEFAULT now(),
    CONSTRAINT uq_update_packages_agent_type_name UNIQUE (agent_id, package_type, name)
);
CREATE INDEX idx_update_packages_severity ON update_packages (severity, agent_id);

CREATE TABLE docker_images (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    agent_id         uuid          NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    command_id       uuid          REFERENCES agent_commands (id) ON DELETE SET NULL,
    repository       varchar(255)  NOT NULL,
    tag              varchar(128)  NOT NULL DEFAULT 'latest',
    image_id         varchar(128)  NOT NULL,
    size_bytes       bigint        CHECK (size_bytes >= 0),
    update_available boolean       NOT NULL DEFAULT false,
    latest_tag       varchar(128),
    created_at       timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT uq_docker_images_agent_repo_tag UNIQUE (agent_id, repository, tag)
);

-- Results of system scans: one row per scan, the newest is the agent's current state.
CREATE TABLE system_info (
    id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    agent_id           uuid        NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    command_id         uuid        REFERENCES agent_commands (id) ON DELETE SET NULL,
    cpu_model          varchar(255),
    cpu_cores          integer     CHECK (cpu_cores > 0),
    memory_total_bytes bigint      CHECK (memory_total_bytes >= 0),
    memory_used_bytes  bigint      CHECK (memory_used_bytes >= 0),
    uptime_seconds     bigint      CHECK (uptime_seconds >= 0),
    reboot_required    boolean     NOT NULL DEFAULT false,
    collected_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_system_info_agent_collected ON system_info (agent_id, collected_at DESC);
