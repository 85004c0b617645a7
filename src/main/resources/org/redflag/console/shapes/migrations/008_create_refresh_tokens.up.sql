-- Agents authenticate with long-lived refresh tokens, stored hashed; a partial index serves the
-- lookup of tokens that are still valid.
CREATE TABLE refresh_tokens (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    agent_id     uuid NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    token_hash   varchar(64) NOT NULL,
    expires_at   timestamp NOT NULL,
    created_at   timestamp NOT NULL DEFAULT now(),
    last_used_at timestamp,
    revoked      boolean NOT NULL DEFAULT false,
    CONSTRAINT unique_token_hash UNIQUE (token_hash)
);
CREATE INDEX idx_refresh_tokens_agent_id ON refresh_tokens (agent_id);
CREATE INDEX idx_refresh_tokens_expires_at ON refresh_tokens (expires_at);
CREATE INDEX idx_refresh_tokens_hash_not_revoked ON refresh_tokens (token_hash) WHERE NOT revoked;
