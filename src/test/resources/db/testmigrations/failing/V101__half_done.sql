-- The first statement works; the second fails, as 017's redundant ADD COLUMN did in RedFlag.
CREATE TABLE half_done (id integer PRIMARY KEY);
ALTER TABLE good ADD COLUMN id integer;
