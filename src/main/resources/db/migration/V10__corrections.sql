-- Corrections and reissues (R17, issue 7): a holder or employer asks for a certificate's printed data to be
-- corrected, or for a lost paper certificate to be reissued as an electronic one; the approving unit reviews,
-- the issuing bureau approves, a new certificate supersedes the old. The requested values may be personal
-- data (name, ID number), so they are kept encrypted; only the names of the fields are kept in clear.
CREATE TABLE certificate_correction (
    id                   BIGINT AUTO_INCREMENT PRIMARY KEY,
    certificate_id       BIGINT        NOT NULL,
    kind                 VARCHAR(20)   NOT NULL,
    status               VARCHAR(20)   NOT NULL,
    changes_enc          VARCHAR(8000) NULL,
    changed_fields       VARCHAR(400)  NOT NULL,
    reason               VARCHAR(1000) NOT NULL,
    requested_by         VARCHAR(64)   NOT NULL,
    requester_org_id     BIGINT        NULL,
    reviewer_org_id      BIGINT        NULL,
    bureau_id            BIGINT        NOT NULL,
    process_instance_id  VARCHAR(64)   NULL,
    decided_by           VARCHAR(64)   NULL,
    decision_reason      VARCHAR(1000) NULL,
    new_certificate_id   BIGINT        NULL,
    -- The certificate's id while the request is open, NULL after: one open request per certificate.
    open_key             BIGINT        NULL,
    created_at           ${datetime}   NOT NULL,
    decided_at           ${datetime}   NULL,
    CONSTRAINT uk_certificate_correction_open UNIQUE (open_key),
    CONSTRAINT fk_correction_certificate FOREIGN KEY (certificate_id) REFERENCES certificate (id),
    CONSTRAINT fk_correction_new_certificate FOREIGN KEY (new_certificate_id) REFERENCES certificate (id),
    CONSTRAINT fk_correction_bureau FOREIGN KEY (bureau_id) REFERENCES organisation (id)
) ${table_options};
CREATE INDEX ix_correction_certificate ON certificate_correction (certificate_id);

-- Evidence for a correction (scans of the approval document, ID card, a statement of loss): PDF or image, kept
-- encrypted because it usually shows personal data.
CREATE TABLE correction_evidence (
    id              BIGINT AUTO_INCREMENT PRIMARY KEY,
    correction_id   BIGINT        NOT NULL,
    file_name       VARCHAR(200)  NOT NULL,
    content_type    VARCHAR(60)   NOT NULL,
    size_bytes      BIGINT        NOT NULL,
    sha256          CHAR(64)      NOT NULL,
    content         ${blob}       NOT NULL,
    created_at      ${datetime}   NOT NULL,
    CONSTRAINT fk_evidence_correction FOREIGN KEY (correction_id) REFERENCES certificate_correction (id)
) ${table_options};
CREATE INDEX ix_evidence_correction ON correction_evidence (correction_id);

-- A revocation (R16) can be undone only by a reinstatement, its own audited act; the certificate keeps who
-- revoked it, why, and who reinstated it.
ALTER TABLE certificate ADD COLUMN revocation_reason VARCHAR(40) NULL;
ALTER TABLE certificate ADD COLUMN reinstated_at ${datetime} NULL;
ALTER TABLE certificate ADD COLUMN reinstated_by VARCHAR(64) NULL;
ALTER TABLE certificate ADD COLUMN reinstatement_reason VARCHAR(1000) NULL;
CREATE INDEX ix_certificate_supersedes ON certificate (supersedes_id);
