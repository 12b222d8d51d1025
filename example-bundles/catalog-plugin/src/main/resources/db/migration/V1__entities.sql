-- The catalog's entities, one row per entity ref (kind:name). Plain SQL that H2 and PostgreSQL share.
CREATE TABLE entities (
    entity_ref VARCHAR(255) PRIMARY KEY,
    kind       VARCHAR(64)  NOT NULL,
    name       VARCHAR(255) NOT NULL,
    body       TEXT         NOT NULL,
    updated_at TIMESTAMP    NOT NULL DEFAULT CURRENT_TIMESTAMP
);
