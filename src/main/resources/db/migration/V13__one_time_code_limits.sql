-- One-time codes (third-party checks, R24): limits per phone and per certificate that hold across nodes, and text
-- messages whose body carries a secret kept encrypted and purged after use.

-- notification_id: the code's text message, purged when the check is confirmed or locked.
ALTER TABLE third_party_check ADD notification_id BIGINT NULL;

-- A message carrying a secret (a one-time code): body holds the text with the secret masked, body_cipher the full
-- text encrypted until it is no longer needed (sent, confirmed, locked, or secret_until passed), then NULL.
ALTER TABLE notification ADD body_cipher TEXT NULL;
ALTER TABLE notification ADD secret_until ${datetime} NULL;
CREATE INDEX ix_notification_secret ON notification (secret_until);

-- Codes sent before this version are long expired: mask them where they stand in the text ("验证码 123456：").
UPDATE notification
SET body = CONCAT(SUBSTRING(body, 1, LOCATE('验证码 ', body) + 3), '******', SUBSTRING(body, LOCATE('验证码 ', body) + 10))
WHERE topic = 'THIRD_PARTY_CODE' AND LOCATE('验证码 ', body) > 0;
