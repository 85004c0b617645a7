-- 'checking_dependencies' (21 characters) does not fit varchar(20): the column becomes varchar(30)
-- and its check is re-created with the same 8 values.
ALTER TABLE current_package_state DROP CONSTRAINT IF EXISTS current_package_state_status_check;
ALTER TABLE current_package_state ALTER COLUMN status TYPE varchar(30);
ALTER TABLE current_package_state ADD CONSTRAINT current_package_state_status_check
    CHECK (status IN ('pending', 'approved', 'updated', 'failed', 'ignored', 'installing',
                      'pending_dependencies', 'checking_dependencies'));
