package cn.titlecert.security;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.authentication.AuthenticationDetailsSource;

/**
 * What a sign-in carries besides the user name and password: the client address, and on the login page the picture
 * code typed (checked at once against the one shown, which is then used up). HTTP Basic cannot show a picture.
 */
public record LoginAttempt(String address, LoginThrottle.Captcha captcha) {

    static final String CAPTCHA_PARAMETER = "captcha";

    /** Details of a sign-in through the login page. */
    static AuthenticationDetailsSource<HttpServletRequest, LoginAttempt> loginPage(LoginCaptcha captchas) {
        return request -> {
            String answer = request.getParameter(CAPTCHA_PARAMETER);
            LoginThrottle.Captcha captcha = answer == null || answer.isBlank() ? LoginThrottle.Captcha.ABSENT
                    : captchas.check(request.getSession(false), answer) ? LoginThrottle.Captcha.SOLVED
                    : LoginThrottle.Captcha.WRONG;
            return new LoginAttempt(request.getRemoteAddr(), captcha);
        };
    }

    /** Details of a sign-in with HTTP Basic (the APIs, the engine's REST API). */
    static AuthenticationDetailsSource<HttpServletRequest, LoginAttempt> basic() {
        return request -> new LoginAttempt(request.getRemoteAddr(), LoginThrottle.Captcha.IMPOSSIBLE);
    }
}
