-- One-time codes (third-party checks, R24): limits per phone and per certificate that hold across nodes, and text
-- messages whose body carries a secret kept encrypted and purged after use.

-- What each check asked for, as keyed hashes (never the clear phone): the limits count every request, whether it
-- matched or not, so a refusal says nothing about the data. notification_id: the code's text message, purged when
-- the check is confirmed or locked.
ALTER TABLE third_party_check ADD phone_index CHAR(64) NULL;
ALTER TABLE third_party_check ADD certificate_index CHAR(64) NULL;
ALTER TABLE third_party_check ADD notification_id BIGINT NULL;
CREATE INDEX ix_third_party_check_phone ON third_party_check (phone_index, created_at);
CREATE INDEX ix_third_party_check_certificate ON third_party_check (certificate_index, created_at);

-- Rows locked (SELECT ... FOR UPDATE) while a check is counted and written, so that two nodes cannot both take the
-- last code of a phone or certificate. A phone or certificate is one of these stripes by its keyed hash.
CREATE TABLE third_party_check_lock (
    stripe  INT NOT NULL PRIMARY KEY
) ${table_options};
INSERT INTO third_party_check_lock (stripe) VALUES
    (0), (1), (2), (3), (4), (5), (6), (7), (8), (9), (10), (11), (12), (13), (14), (15),
    (16), (17), (18), (19), (20), (21), (22), (23), (24), (25), (26), (27), (28), (29), (30), (31),
    (32), (33), (34), (35), (36), (37), (38), (39), (40), (41), (42), (43), (44), (45), (46), (47),
    (48), (49), (50), (51), (52), (53), (54), (55), (56), (57), (58), (59), (60), (61), (62), (63);

-- A message carrying a secret (a one-time code): body holds the text with the secret masked, body_cipher the full
-- text encrypted until it is no longer needed (sent, confirmed, locked, or secret_until passed), then NULL.
ALTER TABLE notification ADD body_cipher TEXT NULL;
ALTER TABLE notification ADD secret_until ${datetime} NULL;
CREATE INDEX ix_notification_secret ON notification (secret_until);

-- Codes sent before this version are long expired: mask them where they stand in the text ("验证码 123456：").
UPDATE notification
SET body = CONCAT(SUBSTRING(body, 1, LOCATE('验证码 ', body) + 3), '******', SUBSTRING(body, LOCATE('验证码 ', body) + 10))
WHERE topic = 'THIRD_PARTY_CODE' AND LOCATE('验证码 ', body) > 0;
