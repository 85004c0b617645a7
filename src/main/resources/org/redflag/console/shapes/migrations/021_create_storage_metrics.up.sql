-- Storage scans report one row per mountpoint and scan, so disk usage has a history of its own.
CREATE TABLE IF NOT EXISTS storage_metrics (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    agent_id        uuid NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    mountpoint      varchar(255) NOT NULL,
    device          varchar(255),
    disk_type       varchar(50),
    filesystem      varchar(50),
    total_bytes     bigint,
    used_bytes      bigint,
    available_bytes bigint,
    used_percent    double precision,
    severity        varchar(20),
    metadata        jsonb,
    created_at      timestamp NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS idx_storage_metrics_agent_id ON storage_metrics (agent_id);
CREATE INDEX IF NOT EXISTS idx_storage_metrics_created_at ON storage_metrics (created_at DESC);
CREATE INDEX IF NOT EXISTS idx_storage_metrics_mountpoint ON storage_metrics (mountpoint);
CREATE INDEX IF NOT EXISTS idx_storage_metrics_agent_mount ON storage_metrics (agent_id, mountpoint, created_at DESC);
