-- Third-party checks (R24): ID number + certificate number + the holder's phone, then a one-time code sent to
-- that phone. A row exists for every request, matching or not, so the answer reveals nothing; only the keyed
-- hash of the code is kept.
CREATE TABLE third_party_check (
    id              BIGINT AUTO_INCREMENT PRIMARY KEY,
    public_id       VARCHAR(64)  NOT NULL,
    certificate_id  BIGINT       NULL,
    code_hash       CHAR(64)     NULL,
    status          VARCHAR(12)  NOT NULL,
    attempts        INT          NOT NULL DEFAULT 0,
    expires_at      ${datetime}  NOT NULL,
    created_at      ${datetime}  NOT NULL,
    confirmed_at    ${datetime}  NULL,
    CONSTRAINT uk_third_party_check_public UNIQUE (public_id),
    CONSTRAINT fk_third_party_check_certificate FOREIGN KEY (certificate_id) REFERENCES certificate (id)
) ${table_options};
