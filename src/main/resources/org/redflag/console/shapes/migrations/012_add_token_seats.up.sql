-- A registration token may admit several agents ("seats"): the token counts seats, each use is
-- recorded once per agent, and the token functions count seats instead of flipping a status.
ALTER TABLE registration_tokens ADD COLUMN max_seats integer NOT NULL DEFAULT 1;
ALTER TABLE registration_tokens ADD COLUMN seats_used integer NOT NULL DEFAULT 0;
ALTER TABLE registration_tokens ADD CONSTRAINT chk_seats_used_within_max CHECK (seats_used <= max_seats);
ALTER TABLE registration_tokens ADD CONSTRAINT chk_seats_positive CHECK (max_seats > 0);

CREATE TABLE registration_token_usage (
    id       uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    token_id uuid NOT NULL REFERENCES registration_tokens (id) ON DELETE CASCADE,
    agent_id uuid NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    used_at  timestamp DEFAULT now(),
    UNIQUE (token_id, agent_id)
);
CREATE INDEX idx_token_usage_token_id ON registration_token_usage (token_id);
CREATE INDEX idx_token_usage_agent_id ON registration_token_usage (agent_id);

CREATE OR REPLACE FUNCTION is_registration_token_valid(token_input varchar) RETURNS boolean AS $$
BEGIN
    RETURN EXISTS (SELECT 1 FROM registration_tokens
                    WHERE token = token_input AND status = 'active' AND expires_at > now()
                      AND seats_used < max_seats);
END;
$$ LANGUAGE plpgsql;

-- The second argument is renamed, which CREATE OR REPLACE refuses: drop the old function first.
DROP FUNCTION IF EXISTS mark_registration_token_used(varchar, uuid);
CREATE FUNCTION mark_registration_token_used(token_input varchar, agent_id_param uuid) RETURNS boolean AS $$
DECLARE
    token_row registration_tokens%ROWTYPE;
BEGIN
    SELECT * INTO token_row FROM registration_tokens
     WHERE token = token_input AND status = 'active' AND expires_at > now() AND seats_used < max_seats
       FOR UPDATE;
    IF NOT FOUND THEN
        RETURN false;
    END IF;
    INSERT INTO registration_token_usage (token_id, agent_id) VALUES (token_row.id, agent_id_param)
        ON CONFLICT (token_id, agent_id) DO NOTHING;
    UPDATE registration_tokens
       SET seats_used = seats_used + 1,
           used_at = now(),
           used_by_agent_id = agent_id_param,
           status = CASE WHEN seats_used + 1 >= max_seats THEN 'used' ELSE status END
     WHERE id = token_row.id;
    RETURN true;
END;
$$ LANGUAGE plpgsql;
