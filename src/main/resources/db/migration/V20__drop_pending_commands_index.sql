-- idx_agent_commands_pending (V1: agent_id, created_at, pending only) has nothing left to answer: an agent's pending
-- scan of one type is found by V2's one-active index (agent_id, command_type, pending and sent), the fleet's pending
-- work oldest or newest first by the in-flight index by time (V15, then V23). Every new command still paid for it:
-- queueing a scan on 100,000 agents wrote 100,000 entries into it. Dropped CONCURRENTLY, alone: agents keep polling.
DROP INDEX CONCURRENTLY IF EXISTS idx_agent_commands_pending;
