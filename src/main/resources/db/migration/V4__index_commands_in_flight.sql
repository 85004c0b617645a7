-- Commands an agent has been given but not finished: the timeout sweep looks for old ones by sent_at and
-- the simulated fleet for those it is running. The partial index stays as small as the work in flight.
CREATE INDEX idx_agent_commands_in_flight ON agent_commands (sent_at) WHERE status IN ('sent', 'running');
