-- Certificates (issue 4): numbering counters, idempotent generation, lookups for verification.

-- One counter row per number series (prefix, level letter, year, region). A node takes the next
-- serial by incrementing the row in a short transaction of its own: the row lock serialises nodes,
-- the database (not a Java lock) guarantees that no two certificates get the same number.
CREATE TABLE certificate_serial (
    series      VARCHAR(40) NOT NULL PRIMARY KEY,
    last_value  BIGINT      NOT NULL
) ${table_options};

-- What makes a generation a repeat of an earlier one ("application:42"): generating twice for the
-- same application finds the first certificate instead of issuing a second. NULL for imported ones.
ALTER TABLE certificate ADD COLUMN generation_key VARCHAR(80) NULL;
CREATE UNIQUE INDEX uk_certificate_generation_key ON certificate (generation_key);

-- Guizhou prints the unit that formed the review committee (评审机构组建单位).
ALTER TABLE certificate ADD COLUMN review_body_organizer_name VARCHAR(200) NULL;

-- verify-pdf finds the issued file by its SHA-256; staff list certificates flagged for rare characters.
CREATE INDEX ix_certificate_pdf_sha256 ON certificate (pdf_sha256);
CREATE INDEX ix_certificate_rare_characters ON certificate (rare_characters, id);
