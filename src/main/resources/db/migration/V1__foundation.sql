-- The product's own tables. The engine (ACT_*) keeps its own schema, created by Camunda.
-- Placeholders: ${blob}, ${datetime}, ${table_options} differ between H2 and MySQL/MariaDB.

-- Organisations form a tree; tree_path ('/1/4/9/') lets one LIKE query select a subtree.
CREATE TABLE organisation (
    id            BIGINT AUTO_INCREMENT PRIMARY KEY,
    code          VARCHAR(64)  NOT NULL,
    name          VARCHAR(200) NOT NULL,
    type          VARCHAR(40)  NOT NULL,
    parent_id     BIGINT       NULL,
    tree_path     VARCHAR(500) NOT NULL,
    region_code   VARCHAR(12)  NULL,
    credit_code   VARCHAR(18)  NULL,
    active        BOOLEAN      NOT NULL DEFAULT TRUE,
    created_at    ${datetime}  NOT NULL,
    CONSTRAINT uk_organisation_code UNIQUE (code),
    CONSTRAINT fk_organisation_parent FOREIGN KEY (parent_id) REFERENCES organisation (id)
) ${table_options};
CREATE INDEX ix_organisation_tree_path ON organisation (tree_path);

-- Holders. ID and phone numbers are stored encrypted (AES-GCM), found through a keyed hash
-- (HMAC-SHA256) and shown through their masked form; the clear value never reaches the database.
CREATE TABLE person (
    id                BIGINT AUTO_INCREMENT PRIMARY KEY,
    name              VARCHAR(100) NOT NULL,
    gender            CHAR(1)      NOT NULL,
    birth_date        DATE         NOT NULL,
    id_type           VARCHAR(40)  NOT NULL,
    id_number_enc     VARCHAR(255) NOT NULL,
    id_number_hash    CHAR(64)     NOT NULL,
    id_number_masked  VARCHAR(40)  NOT NULL,
    phone_enc         VARCHAR(255) NULL,
    phone_hash        CHAR(64)     NULL,
    phone_masked      VARCHAR(20)  NULL,
    employer_id       BIGINT       NULL,
    created_at        ${datetime}  NOT NULL,
    updated_at        ${datetime}  NOT NULL,
    CONSTRAINT uk_person_id_number UNIQUE (id_type, id_number_hash),
    CONSTRAINT fk_person_employer FOREIGN KEY (employer_id) REFERENCES organisation (id)
) ${table_options};
CREATE INDEX ix_person_employer ON person (employer_id);
CREATE INDEX ix_person_phone_hash ON person (phone_hash);

-- Accounts of the product. Passwords and groups (roles) are the engine's identity service
-- (ACT_ID_USER, ACT_ID_GROUP), shared with Cockpit, Tasklist and Admin; this table adds the
-- organisation a user acts for and, for holders, their person record.
CREATE TABLE user_account (
    username          VARCHAR(64)  NOT NULL PRIMARY KEY,
    display_name      VARCHAR(100) NOT NULL,
    organisation_id   BIGINT       NOT NULL,
    person_id         BIGINT       NULL,
    enabled           BOOLEAN      NOT NULL DEFAULT TRUE,
    created_at        ${datetime}  NOT NULL,
    CONSTRAINT fk_account_organisation FOREIGN KEY (organisation_id) REFERENCES organisation (id),
    CONSTRAINT fk_account_person FOREIGN KEY (person_id) REFERENCES person (id),
    CONSTRAINT uk_account_person UNIQUE (person_id)
) ${table_options};

-- One application = one acquisition case = one process instance.
CREATE TABLE application (
    id                   BIGINT AUTO_INCREMENT PRIMARY KEY,
    path                 VARCHAR(40)  NOT NULL,
    review_type          VARCHAR(40)  NULL,
    person_id            BIGINT       NOT NULL,
    employer_id          BIGINT       NULL,
    review_body_id       BIGINT       NULL,
    reporting_unit_id    BIGINT       NULL,
    title_series         VARCHAR(50)  NOT NULL,
    title_specialty      VARCHAR(100) NULL,
    title_name           VARCHAR(100) NOT NULL,
    title_level          VARCHAR(20)  NOT NULL,
    obtained_on          DATE         NOT NULL,
    status               VARCHAR(20)  NOT NULL,
    waiting_step         VARCHAR(100) NULL,
    process_instance_id  VARCHAR(64)  NULL,
    issuance_month       CHAR(7)      NULL,
    submitted_by         VARCHAR(64)  NOT NULL,
    submitted_at         ${datetime}  NOT NULL,
    updated_at           ${datetime}  NOT NULL,
    version              INT          NOT NULL DEFAULT 0,
    CONSTRAINT fk_application_person FOREIGN KEY (person_id) REFERENCES person (id),
    CONSTRAINT fk_application_employer FOREIGN KEY (employer_id) REFERENCES organisation (id),
    CONSTRAINT fk_application_review_body FOREIGN KEY (review_body_id) REFERENCES organisation (id),
    CONSTRAINT fk_application_reporting_unit FOREIGN KEY (reporting_unit_id) REFERENCES organisation (id)
) ${table_options};
CREATE INDEX ix_application_person ON application (person_id);
CREATE INDEX ix_application_employer ON application (employer_id);
CREATE INDEX ix_application_status_month ON application (status, issuance_month);
CREATE INDEX ix_application_process ON application (process_instance_id);

-- Every review decision, in order: the history the applicant and staff see.
CREATE TABLE application_decision (
    id               BIGINT AUTO_INCREMENT PRIMARY KEY,
    application_id   BIGINT        NOT NULL,
    step             VARCHAR(100)  NOT NULL,
    decision         VARCHAR(10)   NOT NULL,
    reason           VARCHAR(1000) NULL,
    decided_by       VARCHAR(64)   NOT NULL,
    organisation_id  BIGINT        NULL,
    decided_at       ${datetime}   NOT NULL,
    CONSTRAINT fk_decision_application FOREIGN KEY (application_id) REFERENCES application (id),
    CONSTRAINT fk_decision_organisation FOREIGN KEY (organisation_id) REFERENCES organisation (id)
) ${table_options};
CREATE INDEX ix_decision_application ON application_decision (application_id);

-- Photos are kept, never overwritten: a re-upload adds a row and becomes current, and a
-- certificate keeps pointing at the photo it was generated with.
CREATE TABLE photo (
    id            BIGINT AUTO_INCREMENT PRIMARY KEY,
    person_id     BIGINT       NOT NULL,
    content       ${blob}      NOT NULL,
    content_type  VARCHAR(50)  NOT NULL,
    size_bytes    INT          NOT NULL,
    width         INT          NOT NULL,
    height        INT          NOT NULL,
    sha256        CHAR(64)     NOT NULL,
    current_photo BOOLEAN      NOT NULL,
    uploaded_by   VARCHAR(64)  NOT NULL,
    uploaded_at   ${datetime}  NOT NULL,
    CONSTRAINT fk_photo_person FOREIGN KEY (person_id) REFERENCES person (id)
) ${table_options};
CREATE INDEX ix_photo_person ON photo (person_id, current_photo);

-- Issued certificates. The fields printed on the certificate are kept as issued, so a later change
-- of a person or an organisation never rewrites a certificate; a correction issues a new one.
CREATE TABLE certificate (
    id                    BIGINT AUTO_INCREMENT PRIMARY KEY,
    number                VARCHAR(40)   NOT NULL,
    application_id        BIGINT        NULL,
    person_id             BIGINT        NOT NULL,
    holder_name           VARCHAR(100)  NOT NULL,
    path                  VARCHAR(40)   NULL,
    review_type           VARCHAR(40)   NULL,
    title_series          VARCHAR(50)   NOT NULL,
    title_specialty       VARCHAR(100)  NULL,
    title_name            VARCHAR(100)  NOT NULL,
    title_level           VARCHAR(20)   NOT NULL,
    obtained_on           DATE          NOT NULL,
    review_body_name      VARCHAR(200)  NULL,
    reporting_unit_name   VARCHAR(200)  NULL,
    declaring_unit_name   VARCHAR(200)  NULL,
    approving_unit_name   VARCHAR(200)  NULL,
    approval_doc_number   VARCHAR(100)  NULL,
    approval_date         DATE          NULL,
    issuing_authority     VARCHAR(200)  NOT NULL,
    issuing_org_id        BIGINT        NULL,
    issued_on             DATE          NOT NULL,
    release_on            DATE          NULL,
    status                VARCHAR(20)   NOT NULL,
    verify_token_hash     CHAR(64)      NULL,
    photo_id              BIGINT        NULL,
    pdf                   ${blob}       NULL,
    pdf_sha256            CHAR(64)      NULL,
    template              VARCHAR(40)   NULL,
    rare_characters       BOOLEAN       NOT NULL DEFAULT FALSE,
    supersedes_id         BIGINT        NULL,
    revoked_at            ${datetime}   NULL,
    revoked_by            VARCHAR(64)   NULL,
    revocation_remark     VARCHAR(1000) NULL,
    created_at            ${datetime}   NOT NULL,
    CONSTRAINT uk_certificate_number UNIQUE (number),
    CONSTRAINT uk_certificate_token UNIQUE (verify_token_hash),
    CONSTRAINT fk_certificate_application FOREIGN KEY (application_id) REFERENCES application (id),
    CONSTRAINT fk_certificate_person FOREIGN KEY (person_id) REFERENCES person (id),
    CONSTRAINT fk_certificate_photo FOREIGN KEY (photo_id) REFERENCES photo (id),
    CONSTRAINT fk_certificate_issuing_org FOREIGN KEY (issuing_org_id) REFERENCES organisation (id),
    CONSTRAINT fk_certificate_supersedes FOREIGN KEY (supersedes_id) REFERENCES certificate (id)
) ${table_options};
CREATE INDEX ix_certificate_person ON certificate (person_id);
CREATE INDEX ix_certificate_application ON certificate (application_id);

-- Append-only audit trail, hash-chained: each entry's hash covers its content and the previous
-- entry's hash, so a removed or edited entry breaks the chain. The single head row serialises
-- appends across nodes (SELECT ... FOR UPDATE).
CREATE TABLE audit_log (
    id               BIGINT AUTO_INCREMENT PRIMARY KEY,
    occurred_at      ${datetime}   NOT NULL,
    actor            VARCHAR(64)   NOT NULL,
    organisation_id  BIGINT        NULL,
    action           VARCHAR(60)   NOT NULL,
    entity_type      VARCHAR(40)   NULL,
    entity_id        VARCHAR(64)   NULL,
    detail           VARCHAR(2000) NULL,
    reason           VARCHAR(1000) NULL,
    remote_addr      VARCHAR(64)   NULL,
    prev_hash        CHAR(64)      NOT NULL,
    entry_hash       CHAR(64)      NOT NULL
) ${table_options};
CREATE INDEX ix_audit_entity ON audit_log (entity_type, entity_id);
CREATE INDEX ix_audit_actor ON audit_log (actor, occurred_at);

CREATE TABLE audit_chain_head (
    id             INT          NOT NULL PRIMARY KEY,
    last_entry_id  BIGINT       NULL,
    last_hash      CHAR(64)     NOT NULL
) ${table_options};
INSERT INTO audit_chain_head (id, last_entry_id, last_hash)
VALUES (1, NULL, '0000000000000000000000000000000000000000000000000000000000000000');
