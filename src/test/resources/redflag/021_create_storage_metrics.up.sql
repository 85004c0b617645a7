CREATE TABLE storage_metrics (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    agent_id   uuid NOT NULL REFERENCES agents (id),
    mountpoint varchar(512) NOT NULL,
    used_bytes bigint NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_storage_metrics_agent_mount_created ON storage_metrics (agent_id, mountpoint, created_at DESC);
