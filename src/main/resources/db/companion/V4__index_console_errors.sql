-- "Console errors only" in the History: RedFlag has no index on update_logs.action, so finding the console's
-- few error rows reads the whole history (the bench measured 150–270 ms at 2,000,000 rows). A partial index
-- holds only those rows, in the History's order, so it stays tiny. Built CONCURRENTLY: agents keep reporting.
CREATE INDEX CONCURRENTLY IF NOT EXISTS redflag_console_logs_console_errors
    ON ${redflag}.update_logs (executed_at DESC, id DESC) WHERE action = 'console_error';
