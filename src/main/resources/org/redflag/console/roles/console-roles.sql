-- redflag-console: two database roles for the console's own schema (the one its Flyway scripts made).
--
--   redflag_operator  reads the fleet and the history, queues scans, cancels and retries commands, and
--                     appends history rows (its console errors among them).
--   redflag_viewer    reads everything (support staff) and appends only its own console errors.
--   For both, the history (update_logs) is append-only: UPDATE, DELETE and TRUNCATE are refused.
--   Neither may migrate: only the schema's owner runs the console's Flyway scripts.
--
-- Both are groups (NOLOGIN): grant one of them to each person's login role, e.g.
--     CREATE ROLE alice LOGIN PASSWORD '…';
--     GRANT redflag_viewer TO alice;
-- Grant a person one of the two, not both: the viewer's limit on new history rows binds every member of
-- redflag_viewer, operators included.
--
-- Run it in the console's database as a role that may create roles and owns the console's tables (the one the
-- console migrates with), or as a superuser:
--     psql -d redflag -U postgres -f console-roles.sql
--     java -jar redflag-console.jar roles --sql | psql -d redflag -U postgres
-- It may run again at any time, after an upgrade too: every step leaves the roles with exactly these rights.

BEGIN;

-- Roles belong to the whole server: another database on it may have made them already.
DO $$
DECLARE
    role_name text;
BEGIN
    FOREACH role_name IN ARRAY ARRAY['redflag_operator', 'redflag_viewer'] LOOP
        BEGIN
            EXECUTE format('CREATE ROLE %I NOLOGIN', role_name);
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL;
        END;
    END LOOP;
END
$$;

-- The schema's name is whatever the console migrated: the session's current schema.
DO $$
DECLARE
    console_schema text := quote_ident(current_schema());
    -- Whoever runs Flyway makes the tables of later migrations: they are to be readable too.
    migrating_role text := coalesce((SELECT pg_get_userbyid(relowner) FROM pg_class
                                     WHERE oid = to_regclass(console_schema || '.flyway_schema_history')), current_user);
BEGIN
    -- Start from nothing, so that running this again takes away what an earlier version granted.
    EXECUTE format('REVOKE ALL ON ALL TABLES IN SCHEMA %s FROM redflag_operator, redflag_viewer', console_schema);
    EXECUTE format('GRANT USAGE ON SCHEMA %s TO redflag_operator, redflag_viewer', console_schema);
    -- The fleet, commands, scan results, the history and the migration record (the Migrations view) alike.
    EXECUTE format('GRANT SELECT ON ALL TABLES IN SCHEMA %s TO redflag_operator, redflag_viewer', console_schema);
    EXECUTE format('ALTER DEFAULT PRIVILEGES FOR ROLE %I IN SCHEMA %s GRANT SELECT ON TABLES TO redflag_operator, '
            'redflag_viewer', migrating_role, console_schema);
END
$$;

-- A scan, and a retry, is a new command; a cancel changes only its status, end time and result (the command
-- timeout sweep changes the same three), never what was asked of which agent.
GRANT INSERT ON agent_commands TO redflag_operator;
GRANT UPDATE (status, completed_at, result) ON agent_commands TO redflag_operator;

-- History rows are appended, never changed: no UPDATE, DELETE or TRUNCATE for either role.
GRANT INSERT ON update_logs TO redflag_operator, redflag_viewer;

-- Which rows a viewer may append is up to row-level security. Enabling it on update_logs would hide every row
-- from any other role without a policy, so the first policy keeps every role's rows and rights as they were
-- (its table privileges still decide what it may do); the owner is not subject to row-level security at all.
-- The second, restrictive, lets a viewer add only console errors, never a result for a command.
ALTER TABLE update_logs ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS redflag_history_as_before ON update_logs;
CREATE POLICY redflag_history_as_before ON update_logs
    FOR ALL TO PUBLIC USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS redflag_viewer_appends_console_errors ON update_logs;
CREATE POLICY redflag_viewer_appends_console_errors ON update_logs
    AS RESTRICTIVE FOR INSERT TO redflag_viewer
    WITH CHECK (action = 'console_error' AND command_id IS NULL);

COMMIT;
