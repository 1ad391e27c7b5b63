package cn.titlecert.verification;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import cn.titlecert.error.DomainException;

/**
 * Runs the checks of uploaded PDFs on a few threads of their own, so that hostile uploads can take neither the
 * request threads nor more processor time than those few threads. An upload finding every thread busy is refused at
 * once (429 {@code verification.busy}), never queued; the request waits for its check at most the time limit and a
 * second, then answers {@code verification.timed-out} (the check, which looks at its own deadline, has stopped by
 * then, and is interrupted in case it has not). A thread is free again only when its check has really ended.
 */
@Component
class PdfCheckPool implements DisposableBean {

    /** Beyond the check's own time limit, for a check to notice it and end. */
    static final Duration GRACE = Duration.ofSeconds(1);

    private final Semaphore free;
    private final ThreadPoolExecutor executor;
    private final Duration wait;
    private final long timeLimitSeconds;

    @Autowired
    PdfCheckPool(PdfVerificationProperties properties) {
        this(properties.concurrentChecks(), properties.timeLimit());
    }

    PdfCheckPool(int threads, Duration timeLimit) {
        this.free = new Semaphore(threads);
        this.wait = timeLimit.plus(GRACE);
        this.timeLimitSeconds = Math.max(1, timeLimit.toSeconds());
        AtomicInteger numbers = new AtomicInteger();
        // The queue only ever holds a task between its permit and a thread taking it: there are as many permits as
        // threads, and a permit comes back after its task has run (or was cancelled before it could), not before.
        this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                task -> {
                    Thread thread = new Thread(task, "pdf-check-" + numbers.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }) {
            @Override
            protected void afterExecute(Runnable task, Throwable failure) {
                free.release();
            }
        };
    }

    <T> T run(Callable<T> check) {
        if (!free.tryAcquire()) {
            throw busy();
        }
        Future<T> future;
        try {
            future = executor.submit(check);
        } catch (RejectedExecutionException shuttingDown) {
            free.release();
            throw busy();
        }
        try {
            return future.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new DomainException(HttpStatus.UNPROCESSABLE_ENTITY, "verification.timed-out", timeLimitSeconds);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw busy();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static DomainException busy() {
        return new DomainException(HttpStatus.TOO_MANY_REQUESTS, "verification.busy");
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
