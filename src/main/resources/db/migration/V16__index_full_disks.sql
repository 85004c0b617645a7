-- The Overview counts disks whose newest storage figure is over 90 %: from the few figures over 90 % it keeps
-- those that no newer figure of their disk replaced. Without this index that is a read of every storage figure
-- the fleet ever sent; with it, of the figures over 90 % only (the INCLUDE answers from the index alone).
-- Built CONCURRENTLY, alone: agents keep reporting storage while it builds.
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_storage_metrics_over_90
    ON storage_metrics (agent_id, mountpoint, created_at DESC) INCLUDE (used_percent) WHERE used_percent > 90;
