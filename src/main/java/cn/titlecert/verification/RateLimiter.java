package cn.titlecert.verification;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per key (a client address): {@code capacity} requests at once, refilled continuously at
 * {@code capacity} per {@code window}. Each key's bucket is replaced atomically inside
 * {@link ConcurrentHashMap#compute}, so concurrent requests from one address can never take more than the
 * bucket holds. Buckets idle for a whole window are full again, the same as forgotten ones, so they are dropped
 * when more than {@code maxKeys} are remembered. Written by hand: a dozen lines, no dependency for it.
 */
public final class RateLimiter {

    /** {@code retryAfterSeconds}: when the next request would be allowed (0 when this one is). */
    public record Decision(boolean allowed, long retryAfterSeconds) {
    }

    private record Bucket(double tokens, long updatedMillis) {
    }

    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final int capacity;
    private final long windowMillis;
    private final int maxKeys;
    private final Clock clock;

    public RateLimiter(int capacity, Duration window, int maxKeys, Clock clock) {
        this.capacity = capacity;
        this.windowMillis = window.toMillis();
        this.maxKeys = maxKeys;
        this.clock = clock;
    }

    public Decision tryAcquire(String key) {
        long now = clock.millis();
        Decision[] decision = new Decision[1];
        buckets.compute(key, (k, bucket) -> {
            double tokens = capacity;
            if (bucket != null) {
                long elapsed = Math.max(0, now - bucket.updatedMillis());
                tokens = Math.min(capacity, bucket.tokens() + elapsed * (double) capacity / windowMillis);
            }
            if (tokens >= 1) {
                decision[0] = new Decision(true, 0);
                return new Bucket(tokens - 1, now);
            }
            long wait = (long) Math.ceil((1 - tokens) * windowMillis / capacity / 1000.0);
            decision[0] = new Decision(false, Math.max(1, wait));
            return new Bucket(tokens, now);
        });
        if (buckets.size() > maxKeys) {
            buckets.entrySet().removeIf(e -> now - e.getValue().updatedMillis() >= windowMillis);
        }
        return decision[0];
    }

    int trackedKeys() {
        return buckets.size();
    }
}
