-- Failed logins, counted per account and per client address across every node: a client address that keeps
-- failing waits longer and longer; an account that keeps failing asks for a picture code on the login page (its
-- holder can still sign in: the account itself is never locked for them).
CREATE TABLE login_throttle (
    subject          VARCHAR(300) NOT NULL PRIMARY KEY,
    failures         INT          NOT NULL,
    last_failure_at  ${datetime}  NOT NULL,
    blocked_until    ${datetime}  NULL
) ${table_options};
