-- V21's ascending index answers everything V14's descending one did (the Operations pages, newest first).
DROP INDEX CONCURRENTLY IF EXISTS idx_agent_commands_created_id;
