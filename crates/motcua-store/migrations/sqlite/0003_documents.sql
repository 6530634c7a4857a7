-- Documents: what applicants uploaded and the results they received, by the
-- SHA-256 of their content (the files themselves live in the file store),
-- and which dossier each was attached to.

CREATE TABLE documents (
    owner_id      TEXT    NOT NULL,
    sha256        TEXT    NOT NULL,
    file_name     TEXT    NOT NULL,
    media_type    TEXT    NOT NULL,
    size          INTEGER NOT NULL,
    origin        TEXT    NOT NULL,
    dossier_code  TEXT,
    created_at    TEXT    NOT NULL,
    PRIMARY KEY (owner_id, sha256)
);

CREATE TABLE dossier_documents (
    province_code   TEXT    NOT NULL,
    dossier_id      TEXT    NOT NULL,
    component_code  TEXT    NOT NULL,
    sha256          TEXT    NOT NULL,
    file_name       TEXT    NOT NULL,
    media_type      TEXT    NOT NULL,
    size            INTEGER NOT NULL,
    reused          INTEGER NOT NULL,
    added_by        TEXT    NOT NULL,
    added_at        TEXT    NOT NULL,
    PRIMARY KEY (province_code, dossier_id, component_code, sha256)
);
CREATE INDEX dossier_documents_by_sha ON dossier_documents (sha256);
