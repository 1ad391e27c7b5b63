package cn.titlecert.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.DisabledException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * After a failed sign-in on the login page: back to it with the reason in words (wrong password, wait so many seconds,
 * type the picture code), and the picture code shown whenever the account needs it. The session keeps the reason
 * for the next page only.
 */
class LoginFailureHandler implements AuthenticationFailureHandler {

    private final LoginThrottle throttle;

    LoginFailureHandler(LoginThrottle throttle) {
        this.throttle = throttle;
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException exception) throws IOException {
        String username = request.getParameter("username");
        String reason = "login.failed";
        long wait = 0;
        if (exception instanceof LoginRefusedException refused) {
            reason = refused.code();
            wait = refused.waitSeconds();
        } else if (exception instanceof DisabledException) {
            reason = "login.disabled";
        }
        boolean captcha = username != null && !username.isBlank() && username.length() <= 100
                && throttle.captchaNeeded(username);
        new LoginPageState(reason, wait, captcha, username == null || username.length() > 100 ? null : username)
                .keepIn(request.getSession());
        response.sendRedirect(request.getContextPath() + (captcha ? "/login?error&captcha" : "/login?error"));
    }
}
