package cn.titlecert.verification;

import java.time.Clock;
import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The per-address limit on starting third-party checks (each sends a text message), shared by the API and the
 * page so that neither is a way around the other.
 */
@Component
class ThirdPartyCheckLimiter {

    private final RateLimiter limiter;

    ThirdPartyCheckLimiter(Clock clock, @Value("${titlecert.third-party-check.limit:5}") int limit,
            @Value("${titlecert.third-party-check.window:PT1M}") Duration window) {
        this.limiter = new RateLimiter(limit, window, 100_000, clock);
    }

    RateLimiter.Decision tryAcquire(String clientAddress) {
        return limiter.tryAcquire(clientAddress);
    }
}
