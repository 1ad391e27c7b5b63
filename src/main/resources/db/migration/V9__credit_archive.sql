-- Credit archive (诚信档案, R19): misuse of a certificate found to be true (伪造, 篡改, 挂证, 挂靠, 滥用 …) is recorded
-- against the person, with evidence and the decision. Records are never deleted: a change or a withdrawal is a
-- new act, kept in credit_record_event and in the audit trail. Facts and evidence files are stored encrypted.
CREATE TABLE credit_record (
    id                  BIGINT AUTO_INCREMENT PRIMARY KEY,
    person_id           BIGINT        NOT NULL,
    certificate_id      BIGINT        NULL,
    kind                VARCHAR(20)   NOT NULL,
    facts_enc           TEXT          NOT NULL,
    evidence_reference  VARCHAR(500)  NULL,
    decision            VARCHAR(30)   NOT NULL,
    record_years        INT           NULL,
    decided_on          DATE          NOT NULL,
    status              VARCHAR(12)   NOT NULL,
    organisation_id     BIGINT        NOT NULL,
    recorded_by         VARCHAR(64)   NOT NULL,
    recorded_at         ${datetime}   NOT NULL,
    updated_at          ${datetime}   NOT NULL,
    withdrawn_reason    VARCHAR(1000) NULL,
    CONSTRAINT fk_credit_record_person FOREIGN KEY (person_id) REFERENCES person (id),
    CONSTRAINT fk_credit_record_certificate FOREIGN KEY (certificate_id) REFERENCES certificate (id),
    CONSTRAINT fk_credit_record_organisation FOREIGN KEY (organisation_id) REFERENCES organisation (id)
) ${table_options};
CREATE INDEX ix_credit_record_person ON credit_record (person_id);
CREATE INDEX ix_credit_record_organisation ON credit_record (organisation_id);

CREATE TABLE credit_evidence (
    id                BIGINT AUTO_INCREMENT PRIMARY KEY,
    credit_record_id  BIGINT        NOT NULL,
    file_name         VARCHAR(255)  NOT NULL,
    content_type      VARCHAR(50)   NOT NULL,
    size_bytes        INT           NOT NULL,
    sha256            CHAR(64)      NOT NULL,
    content_enc       ${blob}       NOT NULL,
    uploaded_by       VARCHAR(64)   NOT NULL,
    uploaded_at       ${datetime}   NOT NULL,
    CONSTRAINT fk_credit_evidence_record FOREIGN KEY (credit_record_id) REFERENCES credit_record (id)
) ${table_options};
CREATE INDEX ix_credit_evidence_record ON credit_evidence (credit_record_id);

-- Every act on a record: RECORDED, AMENDED (which fields, why), EVIDENCE_ADDED, WITHDRAWN.
CREATE TABLE credit_record_event (
    id                BIGINT AUTO_INCREMENT PRIMARY KEY,
    credit_record_id  BIGINT        NOT NULL,
    act               VARCHAR(20)   NOT NULL,
    changed_fields    VARCHAR(200)  NULL,
    reason            VARCHAR(1000) NULL,
    actor             VARCHAR(64)   NOT NULL,
    organisation_id   BIGINT        NULL,
    occurred_at       ${datetime}   NOT NULL,
    CONSTRAINT fk_credit_event_record FOREIGN KEY (credit_record_id) REFERENCES credit_record (id)
) ${table_options};
CREATE INDEX ix_credit_event_record ON credit_record_event (credit_record_id);

-- The audit page filters by time and organisation.
CREATE INDEX ix_audit_time ON audit_log (occurred_at);
CREATE INDEX ix_audit_organisation ON audit_log (organisation_id, id);
