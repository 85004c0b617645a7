-- Installs may wait on dependency confirmation: current_package_state's status check gains
-- pending_dependencies and checking_dependencies (8 values).
ALTER TABLE current_package_state DROP CONSTRAINT IF EXISTS current_package_state_status_check;
ALTER TABLE current_package_state ADD CONSTRAINT current_package_state_status_check
    CHECK (status IN ('pending', 'approved', 'updated', 'failed', 'ignored', 'installing',
                      'pending_dependencies', 'checking_dependencies'));
