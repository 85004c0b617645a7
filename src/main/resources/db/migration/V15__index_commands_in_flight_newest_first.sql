-- The Operations view opens on the commands in flight (pending, sent, running), newest first, and "stuck only"
-- looks among them. V4's in-flight index is by sent_at and leaves pending out; with V14 alone a page of old
-- stuck commands would walk past millions of finished ones. This one is as small as the work in flight.
-- Built CONCURRENTLY, alone, like V14.
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_agent_commands_in_flight_created_id
    ON agent_commands (created_at DESC, id DESC) WHERE status IN ('pending', 'sent', 'running');
