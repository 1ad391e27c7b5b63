package cn.titlecert.security;

import java.io.Serializable;
import java.util.Optional;

import jakarta.servlet.http.HttpSession;

/** What the login page shows after a failed sign-in: the reason, how long to wait, and whether to ask for the code. */
public record LoginPageState(String reason, long waitSeconds, boolean captcha, String username) implements Serializable {

    private static final String ATTRIBUTE = LoginPageState.class.getName();

    /** Kept in the session for the login page the failure redirects to. */
    void keepIn(HttpSession session) {
        session.setAttribute(ATTRIBUTE, this);
    }

    /** The state the last failure left in the session, once: a reload shows a plain login page. */
    public static Optional<LoginPageState> takeFrom(HttpSession session) {
        Object state = session.getAttribute(ATTRIBUTE);
        session.removeAttribute(ATTRIBUTE);
        return state instanceof LoginPageState s ? Optional.of(s) : Optional.empty();
    }
}
