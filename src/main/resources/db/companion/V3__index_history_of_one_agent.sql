-- An agent's history and its last scan read update_logs by agent, newest first; RedFlag's idx_logs_agent has
-- only agent_id, so each read sorts all of that agent's rows. Built CONCURRENTLY: agents keep reporting.
CREATE INDEX CONCURRENTLY IF NOT EXISTS redflag_console_logs_agent_executed
    ON ${redflag}.update_logs (agent_id, executed_at DESC, id DESC);
