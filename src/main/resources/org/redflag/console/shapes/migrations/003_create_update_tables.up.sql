-- RedFlag's event-sourced update tables (v0.1.18, file 003): discovery events, the current state per
-- package, version history and batches. From here on ids use gen_random_uuid() and times are
-- timestamptz; every object is IF NOT EXISTS, as in RedFlag's file.
CREATE TABLE IF NOT EXISTS update_events (
    id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    agent_id          uuid NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    package_type      varchar(50) NOT NULL,
    package_name      text NOT NULL,
    version_from      text,
    version_to        text NOT NULL,
    severity          varchar(20) NOT NULL CHECK (severity IN ('critical', 'important', 'moderate', 'low')),
    repository_source text,
    metadata          jsonb DEFAULT '{}',
    event_type        varchar(20) NOT NULL CHECK (event_type IN ('discovered', 'updated', 'failed', 'ignored')),
    created_at        timestamptz DEFAULT now()
);

-- status is varchar(20) with six values here; 005 adds two values and 007 widens it to varchar(30).
CREATE TABLE IF NOT EXISTS current_package_state (
    id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    agent_id           uuid NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    package_type       varchar(50) NOT NULL,
    package_name       text NOT NULL,
    current_version    text NOT NULL,
    available_version  text,
    severity           varchar(20) NOT NULL CHECK (severity IN ('critical', 'important', 'moderate', 'low')),
    repository_source  text,
    metadata           jsonb DEFAULT '{}',
    last_discovered_at timestamptz DEFAULT now(),
    last_updated_at    timestamptz DEFAULT now(),
    status             varchar(20) NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'approved', 'updated', 'failed', 'ignored', 'installing')),
    UNIQUE (agent_id, package_type, package_name)
);

CREATE TABLE IF NOT EXISTS update_version_history (
    id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    agent_id            uuid NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    package_type        varchar(50) NOT NULL,
    package_name        text NOT NULL,
    from_version        text,
    to_version          text NOT NULL,
    severity            varchar(20) NOT NULL CHECK (severity IN ('critical', 'important', 'moderate', 'low')),
    repository_source   text,
    metadata            jsonb DEFAULT '{}',
    update_initiated_at timestamptz,
    update_completed_at timestamptz DEFAULT now(),
    update_status       varchar(20) NOT NULL CHECK (update_status IN ('success', 'failed', 'rollback')),
    failure_reason      text
);

CREATE TABLE IF NOT EXISTS update_batches (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    agent_id        uuid NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    batch_size      integer NOT NULL,
    processed_count integer DEFAULT 0,
    failed_count    integer DEFAULT 0,
    status          varchar(20) DEFAULT 'processing'
        CHECK (status IN ('processing', 'completed', 'failed', 'cancelled')),
    error_details   jsonb,
    created_at      timestamptz DEFAULT now(),
    completed_at    timestamptz
);

CREATE INDEX IF NOT EXISTS idx_agent_events ON update_events (agent_id);
CREATE INDEX IF NOT EXISTS idx_package_events ON update_events (package_name, package_type);
CREATE INDEX IF NOT EXISTS idx_severity_events ON update_events (severity);
CREATE INDEX IF NOT EXISTS idx_created_events ON update_events (created_at);
CREATE INDEX IF NOT EXISTS idx_agent_state ON current_package_state (agent_id);
CREATE INDEX IF NOT EXISTS idx_package_state ON current_package_state (package_name, package_type);
CREATE INDEX IF NOT EXISTS idx_severity_state ON current_package_state (severity);
CREATE INDEX IF NOT EXISTS idx_status_state ON current_package_state (status);
CREATE INDEX IF NOT EXISTS idx_agent_history ON update_version_history (agent_id);
CREATE INDEX IF NOT EXISTS idx_package_history ON update_version_history (package_name, package_type);
CREATE INDEX IF NOT EXISTS idx_status_history ON update_version_history (update_status);
CREATE INDEX IF NOT EXISTS idx_completed_history ON update_version_history (update_completed_at);
CREATE INDEX IF NOT EXISTS idx_agent_batches ON update_batches (agent_id);
CREATE INDEX IF NOT EXISTS idx_status_batches ON update_batches (status);
