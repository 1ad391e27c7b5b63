package cn.titlecert.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Failed-login limits ({@code titlecert.login.*}). Failures count within {@code window} of the last one.
 *
 * @param freeFailuresPerAddress failures from one client address before each further one makes it wait (1 s, 2 s,
 *        4 s … up to {@code maxDelay})
 * @param captchaAfter failures of one account after which its login page asks for a picture code; sign-ins that
 *        cannot show one (HTTP Basic) then wait per account as an address does
 */
@ConfigurationProperties("titlecert.login")
public record LoginProperties(
        @DefaultValue("5") int freeFailuresPerAddress,
        @DefaultValue("3") int captchaAfter,
        @DefaultValue("15m") Duration maxDelay,
        @DefaultValue("1h") Duration window) {

    public LoginProperties {
        if (freeFailuresPerAddress < 1 || captchaAfter < 1 || maxDelay.isNegative() || window.isNegative()
                || window.isZero()) {
            throw new IllegalArgumentException("titlecert.login needs positive limits and window");
        }
    }
}
