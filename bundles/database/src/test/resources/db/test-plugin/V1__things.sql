CREATE TABLE ${prefix}things (id INTEGER PRIMARY KEY, owner VARCHAR(50) NOT NULL);
INSERT INTO ${prefix}things (id, owner) VALUES (1, 'plugin');
