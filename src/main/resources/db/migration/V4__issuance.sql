-- The monthly issuance cycle (issue 5) and the notification outbox.

-- One batch per issuing bureau and month. The unique key means a timer and a bureau's "run now" on two
-- nodes at the same moment still open one batch.
CREATE TABLE issuance_batch (
    id                  BIGINT AUTO_INCREMENT PRIMARY KEY,
    issuance_month      CHAR(7)       NOT NULL,
    bureau_id           BIGINT        NOT NULL,
    status              VARCHAR(20)   NOT NULL,
    process_instance_id VARCHAR(64)   NULL,
    release_on          DATE          NOT NULL,
    grant_date          DATE          NULL,
    grant_authority     VARCHAR(200)  NULL,
    document_number     VARCHAR(100)  NULL,
    approved_by         VARCHAR(64)   NULL,
    approved_at         ${datetime}   NULL,
    generated_at        ${datetime}   NULL,
    released_at         ${datetime}   NULL,
    created_at          ${datetime}   NOT NULL,
    CONSTRAINT uk_issuance_batch UNIQUE (issuance_month, bureau_id),
    CONSTRAINT fk_issuance_batch_bureau FOREIGN KEY (bureau_id) REFERENCES organisation (id)
) ${table_options};

-- A case in a batch. application_id is unique: a case joins one batch only, whoever collects it.
-- status: PENDING (to generate), GENERATED, WAITING_FOR_PHOTO, EXCLUDED (sent back by the bureau).
CREATE TABLE issuance_item (
    id                  BIGINT AUTO_INCREMENT PRIMARY KEY,
    batch_id            BIGINT        NOT NULL,
    application_id      BIGINT        NOT NULL,
    person_id           BIGINT        NOT NULL,
    status              VARCHAR(20)   NOT NULL,
    process_instance_id VARCHAR(64)   NULL,
    certificate_id      BIGINT        NULL,
    excluded_reason     VARCHAR(1000) NULL,
    excluded_by         VARCHAR(64)   NULL,
    updated_at          ${datetime}   NOT NULL,
    CONSTRAINT uk_issuance_item_application UNIQUE (application_id),
    CONSTRAINT fk_issuance_item_batch FOREIGN KEY (batch_id) REFERENCES issuance_batch (id),
    CONSTRAINT fk_issuance_item_application FOREIGN KEY (application_id) REFERENCES application (id),
    CONSTRAINT fk_issuance_item_certificate FOREIGN KEY (certificate_id) REFERENCES certificate (id)
) ${table_options};
CREATE INDEX ix_issuance_item_batch_status ON issuance_item (batch_id, status);
CREATE INDEX ix_issuance_item_person_status ON issuance_item (person_id, status);

-- Text messages and e-mails, written in the transaction of the act they report (so none is lost or sent
-- for an act that rolled back) and delivered afterwards. The recipient is personal data: encrypted, with
-- a masked copy for display. status: KEPT (demo outbox, not sent), PENDING, SENT, FAILED.
CREATE TABLE notification (
    id                  BIGINT AUTO_INCREMENT PRIMARY KEY,
    channel             VARCHAR(10)   NOT NULL,
    recipient_cipher    VARCHAR(500)  NOT NULL,
    recipient_masked    VARCHAR(120)  NOT NULL,
    subject             VARCHAR(200)  NULL,
    body                VARCHAR(2000) NOT NULL,
    topic               VARCHAR(60)   NOT NULL,
    status              VARCHAR(10)   NOT NULL,
    attempts            INT           NOT NULL DEFAULT 0,
    last_error          VARCHAR(500)  NULL,
    claimed_at          ${datetime}   NULL,
    created_at          ${datetime}   NOT NULL,
    sent_at             ${datetime}   NULL
) ${table_options};
CREATE INDEX ix_notification_status ON notification (status, id);
