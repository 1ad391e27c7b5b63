package cn.titlecert.security;

import org.springframework.security.core.AuthenticationException;

/** A sign-in refused before its password was looked at: the address or account must wait, or show the picture code. */
public class LoginRefusedException extends AuthenticationException {

    public enum Reason {
        /** Too many failures: try again after {@link #waitSeconds()}. */
        WAIT,
        /** This account failed several times: the login page asks for the picture code. */
        CAPTCHA_REQUIRED,
        /** The picture code typed was not the one shown. */
        CAPTCHA_WRONG
    }

    private final Reason reason;
    private final long waitSeconds;

    public LoginRefusedException(Reason reason, long waitSeconds) {
        super(reason.name());
        this.reason = reason;
        this.waitSeconds = waitSeconds;
    }

    public Reason reason() {
        return reason;
    }

    public long waitSeconds() {
        return waitSeconds;
    }

    /** The message key, under {@code login.} for pages and {@code error.} for the APIs. */
    public String code() {
        return switch (reason) {
            case WAIT -> "login.wait";
            case CAPTCHA_REQUIRED -> "login.captcha-required";
            case CAPTCHA_WRONG -> "login.captcha-wrong";
        };
    }
}
