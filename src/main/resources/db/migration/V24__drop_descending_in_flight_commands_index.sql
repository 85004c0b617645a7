-- V23's ascending index answers everything V15's descending one did (commands in flight, stuck ones, pending work).
DROP INDEX CONCURRENTLY IF EXISTS idx_agent_commands_in_flight_created_id;
