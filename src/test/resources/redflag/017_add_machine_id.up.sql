-- The original 017: redundant with 016, so it fails with "column already exists" (and the runner
-- recorded it as applied anyway).
ALTER TABLE agents ADD COLUMN machine_id VARCHAR(64);
