-- The Updates view groups the fleet's pending packages by (severity, name, package type), a page at a time in that
-- order, and drills down to the agents of one group. This index serves both: each severity's groups are an ordered
-- walk of it that stops after a page (counting agents and versions from the index alone, without the table), and one
-- group's agents are a range of it. Without it a page aggregates every pending package of the fleet. Built
-- CONCURRENTLY, in a script of its own: agents keep reporting their updates while it builds.
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_update_packages_severity_name
    ON update_packages (severity, name, package_type) INCLUDE (available_version, agent_id);
