-- An index of the folded words of each procedure's search text, so that a
-- search looks words up by prefix instead of scanning every row. The "C"
-- collation orders words by their bytes, as the prefix ranges expect.
CREATE TABLE procedure_words (
    word  TEXT COLLATE "C" NOT NULL,
    code  TEXT NOT NULL,
    PRIMARY KEY (word, code)
);

INSERT INTO procedure_words (word, code)
SELECT DISTINCT w, code FROM procedures, regexp_split_to_table(search_text, ' ') AS w WHERE w <> ''
ON CONFLICT DO NOTHING;
