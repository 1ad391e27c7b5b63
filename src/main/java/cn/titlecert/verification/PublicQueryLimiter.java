package cn.titlecert.verification;

import java.time.Clock;

import org.springframework.stereotype.Component;

/** The per-address limit on public queries (R22), shared by the API and the page so neither is a way around it. */
@Component
class PublicQueryLimiter {

    private final RateLimiter limiter;

    PublicQueryLimiter(PublicQueryProperties properties, Clock clock) {
        this.limiter = new RateLimiter(properties.limit(), properties.window(), properties.maxTrackedClients(), clock);
    }

    RateLimiter.Decision tryAcquire(String clientAddress) {
        return limiter.tryAcquire(clientAddress);
    }
}
