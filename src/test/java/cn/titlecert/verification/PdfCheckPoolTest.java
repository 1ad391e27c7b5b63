package cn.titlecert.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import cn.titlecert.error.DomainException;

/** The checks' own pool: refuses at once when full, gives up waiting past the time limit, frees a thread only when its check ends. */
class PdfCheckPoolTest {

    @Test
    void aFullPoolRefusesAtOnceAndServesAgainWhenAThreadIsFree() throws Exception {
        PdfCheckPool pool = new PdfCheckPool(2, Duration.ofSeconds(5));
        ExecutorService clients = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch started = new CountDownLatch(2);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> pool.run(() -> {
                started.countDown();
                release.await();
                return "first";
            }), clients);
            CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> pool.run(() -> {
                started.countDown();
                release.await();
                return "second";
            }), clients);
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

            long start = System.nanoTime();
            assertThatThrownBy(() -> pool.run(() -> "third")).isInstanceOfSatisfying(DomainException.class, e -> {
                assertThat(e.status()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
                assertThat(e.code()).isEqualTo("verification.busy");
            });
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));

            release.countDown();
            assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("first");
            assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo("second");
            assertThat(pool.run(() -> "again")).isEqualTo("again");
            assertThat(pool.run(() -> "and again")).isEqualTo("and again");
        } finally {
            clients.shutdownNow();
            pool.destroy();
        }
    }

    @Test
    void aCheckPastTheTimeLimitAnswersTimedOutAndKeepsItsThreadUntilItEnds() throws Exception {
        PdfCheckPool pool = new PdfCheckPool(1, Duration.ofMillis(200));
        try {
            AtomicBoolean stop = new AtomicBoolean();
            long start = System.nanoTime();
            // A check that ignores interruption, as a stuck parser would.
            assertThatThrownBy(() -> pool.run(() -> {
                while (!stop.get()) {
                    Thread.onSpinWait();
                }
                return "late";
            })).isInstanceOfSatisfying(DomainException.class, e -> {
                assertThat(e.status()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
                assertThat(e.code()).isEqualTo("verification.timed-out");
            });
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            assertThat(waited).isBetween(Duration.ofMillis(200), Duration.ofMillis(200).plus(PdfCheckPool.GRACE).plusSeconds(2));

            // Its thread is still taken: the next upload is refused rather than queued behind it.
            assertThatThrownBy(() -> pool.run(() -> "next")).isInstanceOfSatisfying(DomainException.class,
                    e -> assertThat(e.code()).isEqualTo("verification.busy"));
            stop.set(true);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            String answer = null;
            while (answer == null && System.nanoTime() < deadline) {
                try {
                    answer = pool.run(() -> "next");
                } catch (DomainException stillBusy) {
                    Thread.sleep(10);
                }
            }
            assertThat(answer).isEqualTo("next");
        } finally {
            pool.destroy();
        }
    }

    @Test
    void anInterruptibleCheckIsInterruptedWhenTheRequestGivesUp() throws Exception {
        PdfCheckPool pool = new PdfCheckPool(1, Duration.ofMillis(100));
        try {
            CountDownLatch interrupted = new CountDownLatch(1);
            assertThatThrownBy(() -> pool.run(() -> {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    interrupted.countDown();
                }
                return "late";
            })).isInstanceOf(DomainException.class);
            assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
        } finally {
            pool.destroy();
        }
    }
}
