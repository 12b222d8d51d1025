INSERT INTO ${prefix}things (id, owner) VALUES (2, 'module');
