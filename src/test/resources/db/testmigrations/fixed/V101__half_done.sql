CREATE TABLE half_done (id integer PRIMARY KEY);
ALTER TABLE good ADD COLUMN machine_id varchar(64);
