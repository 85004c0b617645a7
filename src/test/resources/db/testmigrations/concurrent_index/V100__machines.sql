CREATE TABLE machines (id integer PRIMARY KEY, machine_id varchar(64));
CREATE INDEX idx_machines_machine_id ON machines (machine_id);
