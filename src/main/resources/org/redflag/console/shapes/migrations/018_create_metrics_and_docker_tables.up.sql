-- Storage/system figures and docker images get tables of their own instead of being stored as
-- update packages; clean_misclassified_data() is kept as a no-op that reports 0 rows moved.
CREATE TABLE IF NOT EXISTS metrics (
    id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    agent_id          uuid NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    package_type      varchar(50) NOT NULL,
    package_name      varchar(255) NOT NULL,
    current_version   text NOT NULL,
    available_version text NOT NULL,
    severity          varchar(20) NOT NULL DEFAULT 'low',
    repository_source varchar(255),
    metadata          jsonb DEFAULT '{}',
    event_type        varchar(50) NOT NULL DEFAULT 'discovered',
    created_at        timestamptz DEFAULT now(),
    UNIQUE (agent_id, package_name, package_type, created_at)
);
CREATE INDEX IF NOT EXISTS idx_metrics_agent_id ON metrics (agent_id);
CREATE INDEX IF NOT EXISTS idx_metrics_package_type ON metrics (package_type);
CREATE INDEX IF NOT EXISTS idx_metrics_created_at ON metrics (created_at);
CREATE INDEX IF NOT EXISTS idx_metrics_severity ON metrics (severity);

CREATE TABLE IF NOT EXISTS docker_images (
    id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    agent_id          uuid NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    package_type      varchar(50) NOT NULL DEFAULT 'docker_image',
    package_name      varchar(500) NOT NULL,
    current_version   varchar(255) NOT NULL,
    available_version varchar(255),
    severity          varchar(20) NOT NULL DEFAULT 'low',
    repository_source varchar(500),
    metadata          jsonb DEFAULT '{}',
    event_type        varchar(50) NOT NULL DEFAULT 'discovered',
    created_at        timestamptz DEFAULT now(),
    UNIQUE (agent_id, package_name, package_type, created_at)
);
CREATE INDEX IF NOT EXISTS idx_docker_images_agent_id ON docker_images (agent_id);
CREATE INDEX IF NOT EXISTS idx_docker_images_package_type ON docker_images (package_type);
CREATE INDEX IF NOT EXISTS idx_docker_images_created_at ON docker_images (created_at);
CREATE INDEX IF NOT EXISTS idx_docker_images_severity ON docker_images (severity);
CREATE INDEX IF NOT EXISTS idx_docker_images_has_updates ON docker_images (current_version, available_version)
    WHERE current_version <> available_version;

CREATE OR REPLACE FUNCTION clean_misclassified_data() RETURNS integer AS $$
BEGIN
    RETURN 0;
END;
$$ LANGUAGE plpgsql;
