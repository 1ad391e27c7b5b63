-- Staff accounts managed from the product: a temporary password (a new account's, or one an administrator reset)
-- must be changed at the first sign-in; when an account was last changed.
ALTER TABLE user_account ADD must_change_password BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE user_account ADD updated_at ${datetime} NULL;
