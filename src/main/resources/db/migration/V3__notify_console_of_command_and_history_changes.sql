-- Consoles refresh live: every change to a command and every new history row is announced on the
-- channel redflag_changes as "table,agent_id,command_id" (empty where unknown), so a console reloads only
-- what shows that agent or command. Notifications are sent at commit and cost nothing without listeners.
CREATE FUNCTION notify_console_change() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    changed record;
    command uuid;
BEGIN
    IF TG_OP = 'DELETE' THEN
        changed := OLD;
    ELSE
        changed := NEW;
    END IF;
    IF TG_TABLE_NAME = 'agent_commands' THEN
        command := changed.id;
    ELSE
        command := changed.command_id;
    END IF;
    PERFORM pg_notify('redflag_changes',
            concat_ws(',', TG_TABLE_NAME, coalesce(changed.agent_id::text, ''), coalesce(command::text, '')));
    RETURN NULL;
END
$$;

CREATE TRIGGER trg_agent_commands_notify
    AFTER INSERT OR UPDATE OR DELETE ON agent_commands
    FOR EACH ROW EXECUTE FUNCTION notify_console_change();

-- History is append-only, so only new rows are news.
CREATE TRIGGER trg_update_logs_notify
    AFTER INSERT ON update_logs
    FOR EACH ROW EXECUTE FUNCTION notify_console_change();
