-- Agents register with one-time tokens made by an administrator; helper functions expire old
-- tokens, say whether a token is usable and consume it.
CREATE TABLE registration_tokens (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    token            varchar(64) UNIQUE NOT NULL,
    label            varchar(255),
    expires_at       timestamp NOT NULL,
    created_at       timestamp DEFAULT now(),
    used_at          timestamp,
    used_by_agent_id uuid,
    revoked          boolean DEFAULT false,
    revoked_at       timestamp,
    revoked_reason   varchar(255),
    status           varchar(20) DEFAULT 'active' CHECK (status IN ('active', 'used', 'expired', 'revoked')),
    created_by       varchar(100) DEFAULT 'setup_wizard',
    metadata         jsonb DEFAULT '{}',
    CONSTRAINT fk_registration_tokens_agent FOREIGN KEY (used_by_agent_id)
        REFERENCES agents (id) ON DELETE SET NULL
);
CREATE INDEX idx_registration_tokens_token ON registration_tokens (token);
CREATE INDEX idx_registration_tokens_expires_at ON registration_tokens (expires_at);
CREATE INDEX idx_registration_tokens_status ON registration_tokens (status);
CREATE INDEX idx_registration_tokens_used_by_agent ON registration_tokens (used_by_agent_id)
    WHERE used_by_agent_id IS NOT NULL;

CREATE OR REPLACE FUNCTION cleanup_expired_registration_tokens() RETURNS integer AS $$
DECLARE
    expired integer;
BEGIN
    UPDATE registration_tokens SET status = 'expired'
     WHERE status = 'active' AND expires_at < now();
    GET DIAGNOSTICS expired = ROW_COUNT;
    RETURN expired;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION is_registration_token_valid(token_input varchar) RETURNS boolean AS $$
BEGIN
    RETURN EXISTS (SELECT 1 FROM registration_tokens
                    WHERE token = token_input AND status = 'active' AND expires_at > now());
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION mark_registration_token_used(token_input varchar, agent_id uuid) RETURNS boolean AS $$
DECLARE
    updated integer;
BEGIN
    UPDATE registration_tokens
       SET status = 'used', used_at = now(), used_by_agent_id = agent_id
     WHERE token = token_input AND status = 'active' AND expires_at > now();
    GET DIAGNOSTICS updated = ROW_COUNT;
    RETURN updated > 0;
END;
$$ LANGUAGE plpgsql;
