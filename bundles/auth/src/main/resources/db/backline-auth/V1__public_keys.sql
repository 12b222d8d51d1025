-- The public keys of a plugin's service tokens, one row per key, shared by every instance that shares the
-- plugin's database (each instance signs with its own private key, kept in memory only).
CREATE TABLE ${prefix}public_keys (
    id VARCHAR(64) PRIMARY KEY,
    jwk TEXT NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
