-- The console's companion on a RedFlag database, first part: live refresh. RedFlag's server and agents change
-- commands and write history without telling anyone; these triggers announce each change on the channel
-- redflag_changes as "table,agent_id,command_id", so a console reloads only the rows concerned instead of
-- polling. The function lives in the console's own schema; dropping that schema (CASCADE) removes the
-- triggers with it. Rows are read as JSON so the same function works on every generation's columns.
CREATE FUNCTION ${console}.notify_change() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    changed jsonb;
BEGIN
    IF TG_OP = 'DELETE' THEN
        changed := to_jsonb(OLD);
    ELSE
        changed := to_jsonb(NEW);
    END IF;
    PERFORM pg_notify('redflag_changes', concat_ws(',', TG_TABLE_NAME, coalesce(changed ->> 'agent_id', ''),
            coalesce(CASE WHEN TG_TABLE_NAME = 'agent_commands' THEN changed ->> 'id' ELSE changed ->> 'command_id' END, '')));
    RETURN NULL;
END
$$;

CREATE TRIGGER redflag_console_notify
    AFTER INSERT OR UPDATE OR DELETE ON ${redflag}.agent_commands
    FOR EACH ROW EXECUTE FUNCTION ${console}.notify_change();

-- History is append-only, so only new rows are news.
CREATE TRIGGER redflag_console_notify
    AFTER INSERT ON ${redflag}.update_logs
    FOR EACH ROW EXECUTE FUNCTION ${console}.notify_change();
