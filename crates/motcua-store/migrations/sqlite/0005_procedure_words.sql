-- An index of the folded words of each procedure's search text, so that a
-- search looks words up by prefix instead of scanning every row.
CREATE TABLE procedure_words (
    word  TEXT NOT NULL,
    code  TEXT NOT NULL,
    PRIMARY KEY (word, code)
) WITHOUT ROWID;

WITH RECURSIVE split (code, word, rest) AS (
    SELECT code, '', search_text || ' ' FROM procedures
    UNION ALL
    SELECT code, substr(rest, 1, instr(rest, ' ') - 1), substr(rest, instr(rest, ' ') + 1)
    FROM split WHERE rest <> ''
)
INSERT OR IGNORE INTO procedure_words (word, code) SELECT word, code FROM split WHERE word <> '';
