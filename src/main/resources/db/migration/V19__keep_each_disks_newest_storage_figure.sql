-- The Overview counts disks whose newest storage figure is over 90 %. Read from storage_metrics, that is a probe of
-- every full figure's disk for a newer one (V16), and a disk that stays full has every figure of its history over
-- 90 %: the count grows with the history (470 ms at 100,000 agents). storage_latest keeps each disk's newest figure,
-- one row per (agent, mountpoint), so the count reads the full disks only, however long the history.
--
-- Kept by statement triggers on storage_metrics (a transition table each, so a bulk insert is one upsert): a new
-- figure replaces the disk's row only when it is newer, so figures arriving out of order or in concurrent
-- transactions leave the newest; a deleted or changed figure that was its disk's newest is looked up again among
-- the disk's remaining figures; a truncate empties it. "Newest" is the latest created_at, the figure's id breaking
-- a tie, so the choice is the same in the triggers, the backfill below and anyone who recounts.
CREATE TABLE storage_latest (
    agent_id     uuid          NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    mountpoint   varchar(512)  NOT NULL,
    metric_id    uuid          NOT NULL,
    used_percent numeric(5, 2) NOT NULL,
    total_bytes  bigint        NOT NULL,
    used_bytes   bigint        NOT NULL,
    created_at   timestamptz   NOT NULL,
    PRIMARY KEY (agent_id, mountpoint)
);
-- The full disks, fullest first, as the Overview names them: its count and its list read only this index.
CREATE INDEX idx_storage_latest_over_90 ON storage_latest (used_percent DESC, agent_id, mountpoint)
    WHERE used_percent > 90;

CREATE FUNCTION storage_latest_refresh() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        DELETE FROM storage_latest;
        RETURN NULL;
    END IF;
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        -- A disk whose newest figure went (found through the key, not a scan for the figure's id) is looked up
        -- again; the disks whose newest figure stays are untouched, so a purge of old figures costs a probe each.
        DELETE FROM storage_latest l
        USING old_rows o
        WHERE l.agent_id = o.agent_id AND l.mountpoint = o.mountpoint AND l.metric_id = o.id;
        INSERT INTO storage_latest (agent_id, mountpoint, metric_id, used_percent, total_bytes, used_bytes, created_at)
        SELECT s.agent_id, s.mountpoint, s.id, s.used_percent, s.total_bytes, s.used_bytes, s.created_at
        FROM (SELECT DISTINCT o.agent_id, o.mountpoint FROM old_rows o
              WHERE NOT EXISTS (SELECT 1 FROM storage_latest l
                                WHERE l.agent_id = o.agent_id AND l.mountpoint = o.mountpoint)) gone
        CROSS JOIN LATERAL (SELECT * FROM storage_metrics m
                            WHERE m.agent_id = gone.agent_id AND m.mountpoint = gone.mountpoint
                            ORDER BY m.created_at DESC, m.id DESC LIMIT 1) s
        ON CONFLICT (agent_id, mountpoint) DO UPDATE
            SET metric_id = EXCLUDED.metric_id, used_percent = EXCLUDED.used_percent,
                total_bytes = EXCLUDED.total_bytes, used_bytes = EXCLUDED.used_bytes, created_at = EXCLUDED.created_at
            WHERE (storage_latest.created_at, storage_latest.metric_id) < (EXCLUDED.created_at, EXCLUDED.metric_id);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        -- One row per disk of the statement (its newest), in key order, so concurrent writers lock in one order.
        INSERT INTO storage_latest (agent_id, mountpoint, metric_id, used_percent, total_bytes, used_bytes, created_at)
        SELECT DISTINCT ON (n.agent_id, n.mountpoint)
               n.agent_id, n.mountpoint, n.id, n.used_percent, n.total_bytes, n.used_bytes, n.created_at
        FROM new_rows n
        ORDER BY n.agent_id, n.mountpoint, n.created_at DESC, n.id DESC
        ON CONFLICT (agent_id, mountpoint) DO UPDATE
            SET metric_id = EXCLUDED.metric_id, used_percent = EXCLUDED.used_percent,
                total_bytes = EXCLUDED.total_bytes, used_bytes = EXCLUDED.used_bytes, created_at = EXCLUDED.created_at
            WHERE (storage_latest.created_at, storage_latest.metric_id) < (EXCLUDED.created_at, EXCLUDED.metric_id);
    END IF;
    RETURN NULL;
END
$$;

-- PostgreSQL allows a transition table only on a trigger of one event (an UPDATE's may have both), hence one each.
-- Creating the first trigger locks storage_metrics against writes until this script commits, so no figure
-- arrives between the backfill's read and the triggers taking over.
CREATE TRIGGER trg_storage_metrics_inserted_latest
    AFTER INSERT ON storage_metrics REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION storage_latest_refresh();
CREATE TRIGGER trg_storage_metrics_updated_latest
    AFTER UPDATE ON storage_metrics REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION storage_latest_refresh();
CREATE TRIGGER trg_storage_metrics_deleted_latest
    AFTER DELETE ON storage_metrics REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION storage_latest_refresh();
CREATE TRIGGER trg_storage_metrics_truncated_latest
    AFTER TRUNCATE ON storage_metrics
    FOR EACH STATEMENT EXECUTE FUNCTION storage_latest_refresh();

-- Every disk's newest figure so far: one sorted pass over the figures, while the lock above holds.
INSERT INTO storage_latest (agent_id, mountpoint, metric_id, used_percent, total_bytes, used_bytes, created_at)
SELECT DISTINCT ON (s.agent_id, s.mountpoint)
       s.agent_id, s.mountpoint, s.id, s.used_percent, s.total_bytes, s.used_bytes, s.created_at
FROM storage_metrics s
ORDER BY s.agent_id, s.mountpoint, s.created_at DESC, s.id DESC;
