package cn.titlecert.security;

import java.util.Optional;

import jakarta.servlet.http.HttpSession;

/** What the login page shows after a failed sign-in: the reason, how long to wait, and whether to ask for the code. */
public record LoginPageState(String reason, long waitSeconds, boolean captcha, String username) {

    /** The state the last failure left in the session, once: a reload shows a plain login page. */
    public static Optional<LoginPageState> takeFrom(HttpSession session) {
        Object reason = session.getAttribute(LoginFailureHandler.REASON);
        if (!(reason instanceof String text)) {
            return Optional.empty();
        }
        Object wait = session.getAttribute(LoginFailureHandler.WAIT);
        Object captcha = session.getAttribute(LoginFailureHandler.CAPTCHA);
        Object username = session.getAttribute(LoginFailureHandler.USERNAME);
        for (String attribute : new String[] {LoginFailureHandler.REASON, LoginFailureHandler.WAIT,
                LoginFailureHandler.CAPTCHA, LoginFailureHandler.USERNAME}) {
            session.removeAttribute(attribute);
        }
        return Optional.of(new LoginPageState(text, wait instanceof Long l ? l : 0, Boolean.TRUE.equals(captcha),
                username instanceof String u ? u : null));
    }
}
