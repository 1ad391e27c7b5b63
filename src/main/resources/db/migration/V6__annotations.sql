-- Annotated copies (加注, R26): the holder's copy of a certificate stamped with a usage scenario and an expiry,
-- with its own QR token (only its SHA-256 is kept) and the sealed PDF as issued, encrypted like the original's.
CREATE TABLE certificate_annotation (
    id                 BIGINT AUTO_INCREMENT PRIMARY KEY,
    certificate_id     BIGINT        NOT NULL,
    scenario           VARCHAR(100)  NOT NULL,
    annotated_on       DATE          NOT NULL,
    expires_on         DATE          NOT NULL,
    verify_token_hash  CHAR(64)      NOT NULL,
    pdf                ${blob}       NOT NULL,
    pdf_sha256         CHAR(64)      NOT NULL,
    created_at         ${datetime}   NOT NULL,
    created_by         VARCHAR(64)   NOT NULL,
    CONSTRAINT uk_certificate_annotation_token UNIQUE (verify_token_hash),
    CONSTRAINT fk_certificate_annotation_certificate FOREIGN KEY (certificate_id) REFERENCES certificate (id)
) ${table_options};
CREATE INDEX ix_certificate_annotation_certificate ON certificate_annotation (certificate_id, annotated_on);
CREATE INDEX ix_certificate_annotation_pdf_sha256 ON certificate_annotation (pdf_sha256);
