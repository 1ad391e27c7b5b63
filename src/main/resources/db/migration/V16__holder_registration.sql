-- Holder self-registration (R21): name, ID number and phone, then a one-time code to the phone on file (or, for a
-- number the bureau has no record of, to the phone given), then the code with a new password. A row exists for
-- every request, whether it matched a person or not, so neither the answer nor the limits tell which.
-- person_id: the person the account will belong to (NULL: none matched, or a new person made at confirmation);
-- details_cipher: what was entered, encrypted, for the new person; NULL once the registration is over.
-- phone_index, id_number_index: keyed hashes of what was asked for, counted by the limits (never clear values).
CREATE TABLE holder_registration (
    id               BIGINT AUTO_INCREMENT PRIMARY KEY,
    public_id        VARCHAR(64)   NOT NULL,
    outcome          VARCHAR(12)   NOT NULL,
    person_id        BIGINT        NULL,
    details_cipher   VARCHAR(1000) NULL,
    code_hash        CHAR(64)      NULL,
    status           VARCHAR(12)   NOT NULL,
    attempts         INT           NOT NULL DEFAULT 0,
    phone_index      CHAR(64)      NOT NULL,
    id_number_index  CHAR(64)      NOT NULL,
    notification_id  BIGINT        NULL,
    username         VARCHAR(64)   NULL,
    expires_at       ${datetime}   NOT NULL,
    created_at       ${datetime}   NOT NULL,
    confirmed_at     ${datetime}   NULL,
    CONSTRAINT uk_holder_registration_public UNIQUE (public_id),
    CONSTRAINT fk_holder_registration_person FOREIGN KEY (person_id) REFERENCES person (id)
) ${table_options};
CREATE INDEX ix_holder_registration_phone ON holder_registration (phone_index, created_at);
CREATE INDEX ix_holder_registration_id_number ON holder_registration (id_number_index, created_at);

-- Rows locked (SELECT ... FOR UPDATE) while a registration is counted and written, so that two nodes cannot both
-- take the last code of a phone or ID number. A subject is one of these stripes by its keyed hash.
CREATE TABLE holder_registration_lock (
    stripe  INT NOT NULL PRIMARY KEY
) ${table_options};
INSERT INTO holder_registration_lock (stripe) VALUES
    (0), (1), (2), (3), (4), (5), (6), (7), (8), (9), (10), (11), (12), (13), (14), (15),
    (16), (17), (18), (19), (20), (21), (22), (23), (24), (25), (26), (27), (28), (29), (30), (31),
    (32), (33), (34), (35), (36), (37), (38), (39), (40), (41), (42), (43), (44), (45), (46), (47),
    (48), (49), (50), (51), (52), (53), (54), (55), (56), (57), (58), (59), (60), (61), (62), (63);
