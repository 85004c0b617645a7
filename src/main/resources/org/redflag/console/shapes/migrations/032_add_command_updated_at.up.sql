-- Commands get an updated_at kept by a trigger on every UPDATE. Existing rows take the time this
-- migration runs: the back-fill below matches nothing (the column is already NOT NULL with a
-- default), as in RedFlag's file.
ALTER TABLE agent_commands ADD COLUMN IF NOT EXISTS updated_at timestamp NOT NULL DEFAULT now();
UPDATE agent_commands SET updated_at = created_at WHERE updated_at IS NULL;

CREATE OR REPLACE FUNCTION update_agent_commands_updated_at() RETURNS trigger AS $$
BEGIN
    NEW.updated_at = now();
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS trigger_agent_commands_updated_at ON agent_commands;
CREATE TRIGGER trigger_agent_commands_updated_at
    BEFORE UPDATE ON agent_commands
    FOR EACH ROW EXECUTE FUNCTION update_agent_commands_updated_at();
