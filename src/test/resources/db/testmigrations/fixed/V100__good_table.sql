CREATE TABLE good (id integer PRIMARY KEY);
