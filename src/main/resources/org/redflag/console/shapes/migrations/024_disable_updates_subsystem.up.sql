-- Data only: the generic "updates" subsystem is switched off (and no longer auto-run) for every
-- agent that has it now; agents made later get it enabled again by 015's trigger.
UPDATE agent_subsystems
   SET enabled = false, auto_run = false, updated_at = now()
 WHERE subsystem = 'updates';
