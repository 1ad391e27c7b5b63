package cn.titlecert.registration;

import java.time.Clock;
import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import cn.titlecert.verification.RateLimiter;

/**
 * The per-address limit on starting registrations (each may send a text message), shared by the API and the page so
 * that neither is a way around the other.
 */
@Component
class RegistrationLimiter {

    private final RateLimiter limiter;

    RegistrationLimiter(Clock clock, @Value("${titlecert.registration.per-address-limit:5}") int limit,
            @Value("${titlecert.registration.per-address-window:PT10M}") Duration window) {
        this.limiter = new RateLimiter(limit, window, 100_000, clock);
    }

    RateLimiter.Decision tryAcquire(String clientAddress) {
        return limiter.tryAcquire(clientAddress);
    }
}
