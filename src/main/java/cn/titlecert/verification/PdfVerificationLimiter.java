package cn.titlecert.verification;

import java.time.Clock;

import org.springframework.stereotype.Component;

/** The per-address limit on PDF verifications, as the public query's: each upload is read and checked, at a cost. */
@Component
class PdfVerificationLimiter {

    private final RateLimiter limiter;

    PdfVerificationLimiter(PdfVerificationProperties properties, Clock clock) {
        this.limiter = new RateLimiter(properties.limit(), properties.window(), properties.maxTrackedClients(), clock);
    }

    RateLimiter.Decision tryAcquire(String clientAddress) {
        return limiter.tryAcquire(clientAddress);
    }
}
