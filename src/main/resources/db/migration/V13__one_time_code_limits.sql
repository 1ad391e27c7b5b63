-- One-time codes (third-party checks, R24): limits per phone and per certificate that hold across nodes, and text
-- messages whose body carries a secret kept encrypted and purged after use.

-- A message carrying a secret (a one-time code): body holds the text with the secret masked, body_cipher the full
-- text encrypted until it is no longer needed (sent, confirmed, locked, or secret_until passed), then NULL.
ALTER TABLE notification ADD body_cipher TEXT NULL;
ALTER TABLE notification ADD secret_until ${datetime} NULL;
CREATE INDEX ix_notification_secret ON notification (secret_until);
