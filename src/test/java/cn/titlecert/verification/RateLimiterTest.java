package cn.titlecert.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import cn.titlecert.MutableClock;

class RateLimiterTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T08:00:00Z"), ZoneOffset.UTC);

    @Test
    void tenPerMinuteThenRefusedThenRefilledOverTime() {
        RateLimiter limiter = new RateLimiter(10, Duration.ofMinutes(1), 1000, clock);
        for (int i = 0; i < 10; i++) {
            assertThat(limiter.tryAcquire("203.0.113.7").allowed()).isTrue();
        }
        RateLimiter.Decision refused = limiter.tryAcquire("203.0.113.7");
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).isBetween(1L, 6L);
        assertThat(limiter.tryAcquire("198.51.100.1").allowed()).as("other addresses are not affected").isTrue();
        clock.advance(Duration.ofSeconds(6));
        assertThat(limiter.tryAcquire("203.0.113.7").allowed()).as("one more after a tenth of the window").isTrue();
        assertThat(limiter.tryAcquire("203.0.113.7").allowed()).isFalse();
        clock.advance(Duration.ofMinutes(5));
        for (int i = 0; i < 10; i++) {
            assertThat(limiter.tryAcquire("203.0.113.7").allowed()).isTrue();
        }
        assertThat(limiter.tryAcquire("203.0.113.7").allowed()).as("never more than the capacity at once").isFalse();
    }

    @Test
    void concurrentRequestsFromOneAddressNeverGetMoreThanTheLimit() throws Exception {
        RateLimiter limiter = new RateLimiter(10, Duration.ofMinutes(1), 1000, clock);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            results.add(pool.submit(() -> {
                start.await();
                return limiter.tryAcquire("203.0.113.9").allowed();
            }));
        }
        start.countDown();
        int allowed = 0;
        for (Future<Boolean> result : results) {
            allowed += result.get() ? 1 : 0;
        }
        pool.shutdown();
        assertThat(allowed).isEqualTo(10);
    }

    @Test
    void idleAddressesAreForgottenWhenTooManyAreRemembered() {
        RateLimiter limiter = new RateLimiter(10, Duration.ofMinutes(1), 100, clock);
        for (int i = 0; i < 100; i++) {
            limiter.tryAcquire("10.0.0." + i);
        }
        clock.advance(Duration.ofMinutes(2));
        limiter.tryAcquire("10.0.1.1");
        assertThat(limiter.trackedKeys()).isEqualTo(1);
    }
}
