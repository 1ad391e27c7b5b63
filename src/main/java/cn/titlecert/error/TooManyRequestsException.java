package cn.titlecert.error;

import org.springframework.http.HttpStatus;

/** A refusal because a limit was reached: 429, with {@code Retry-After} telling when to try again. */
public class TooManyRequestsException extends DomainException {

    private final long retryAfterSeconds;

    public TooManyRequestsException(String code, long retryAfterSeconds) {
        super(HttpStatus.TOO_MANY_REQUESTS, code);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
