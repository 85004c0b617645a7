-- The Agents view pages in case-insensitive hostname order; RedFlag has no index for it, so every page sorts
-- the whole agents table. An index has to live beside its table, so this one is in RedFlag's schema, named
-- redflag_console_* so that removing the companion finds it. Built CONCURRENTLY: RedFlag keeps writing
-- agents (check-ins) while it builds.
CREATE INDEX CONCURRENTLY IF NOT EXISTS redflag_console_agents_hostname ON ${redflag}.agents (lower(hostname), id);
