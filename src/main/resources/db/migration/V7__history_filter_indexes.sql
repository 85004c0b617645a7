-- The History view pages newest first on (executed_at, id) with optional filters. Each filter that
-- narrows by equality gets an index whose leading column is that filter and whose tail is the paging
-- order, so a filtered page is an index range scan that stops after LIMIT rows, at any table size.
-- (The unfiltered and per-agent orders already have indexes from V1.)
CREATE INDEX idx_update_logs_subsystem_executed ON update_logs (subsystem, executed_at DESC, id DESC);

CREATE INDEX idx_update_logs_result_executed ON update_logs (result, executed_at DESC, id DESC);

-- "Console errors only": a small partial index instead of scanning scan results for the rare errors.
CREATE INDEX idx_update_logs_console_errors ON update_logs (executed_at DESC, id DESC)
    WHERE action = 'console_error';
