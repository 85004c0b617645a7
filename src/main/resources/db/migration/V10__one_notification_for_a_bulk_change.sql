-- A statement that changes many commands or history rows at once (a scan of every agent matching a filter:
-- 100,000 rows) is announced once, as "table,*," ("many rows of this table"), and a console reloads what it
-- shows in one query per view. Before this, each row was its own notification, and a console read them back
-- one by one. A statement that changes up to 50 rows keeps one notification per row, as V3 announced them.
-- Statement-level triggers see the statement's rows in a transition table; PostgreSQL allows a transition
-- table only on a trigger of one event, hence one trigger per event.
CREATE FUNCTION notify_console_changes() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF (SELECT count(*) FROM (SELECT 1 FROM changed_rows LIMIT 51) AS first_rows) > 50 THEN
        PERFORM pg_notify('redflag_changes', TG_TABLE_NAME || ',*,');
    ELSIF TG_TABLE_NAME = 'agent_commands' THEN
        PERFORM pg_notify('redflag_changes', concat_ws(',', 'agent_commands', coalesce(r.agent_id::text, ''), r.id::text))
        FROM changed_rows AS r;
    ELSE
        PERFORM pg_notify('redflag_changes',
                concat_ws(',', TG_TABLE_NAME, coalesce(r.agent_id::text, ''), coalesce(r.command_id::text, '')))
        FROM changed_rows AS r;
    END IF;
    RETURN NULL;
END
$$;

DROP TRIGGER trg_agent_commands_notify ON agent_commands;
DROP TRIGGER trg_update_logs_notify ON update_logs;
DROP FUNCTION notify_console_change();

CREATE TRIGGER trg_agent_commands_inserted_notify
    AFTER INSERT ON agent_commands REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION notify_console_changes();
CREATE TRIGGER trg_agent_commands_updated_notify
    AFTER UPDATE ON agent_commands REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION notify_console_changes();
CREATE TRIGGER trg_agent_commands_deleted_notify
    AFTER DELETE ON agent_commands REFERENCING OLD TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION notify_console_changes();

-- History is append-only, so only new rows are news.
CREATE TRIGGER trg_update_logs_inserted_notify
    AFTER INSERT ON update_logs REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION notify_console_changes();
