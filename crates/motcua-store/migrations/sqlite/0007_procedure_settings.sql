-- How a unit (a province or a commune) offers a procedure of the national
-- catalogue: whether at all, whether regardless of boundary, and its own
-- processing time and fee where the province decided them. A column left
-- NULL keeps the catalogue's value.
CREATE TABLE procedure_settings (
    unit_code          TEXT NOT NULL,
    procedure_code     TEXT NOT NULL,
    enabled            INTEGER NOT NULL,
    boundary_free      INTEGER,
    processing_amount  REAL,
    processing_unit    TEXT,
    fee_dong           INTEGER,
    updated_by         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    PRIMARY KEY (unit_code, procedure_code)
);
