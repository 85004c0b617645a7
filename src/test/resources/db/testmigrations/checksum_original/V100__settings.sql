CREATE TABLE settings (name varchar(64) PRIMARY KEY, value text);
