package cn.titlecert.verification;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import cn.titlecert.error.ErrorMessages;

/**
 * {@code POST /api/public/third-party-checks} and {@code …/{id}/confirm}: anyone, no login. Starting a check is
 * rate limited per client address here, and per phone and certificate by {@link ThirdPartyChecks} (it sends a text
 * message); confirming is limited by the check's five tries.
 */
@RestController
@RequestMapping("/api/public/third-party-checks")
class ThirdPartyCheckController {

    private final ThirdPartyChecks checks;
    private final ThirdPartyCheckLimiter limiter;
    private final ErrorMessages errors;

    ThirdPartyCheckController(ThirdPartyChecks checks, ErrorMessages errors, ThirdPartyCheckLimiter limiter) {
        this.checks = checks;
        this.limiter = limiter;
        this.errors = errors;
    }

    record Start(String idNumber, String certificateNumber, String phone) {
    }

    record Confirm(String code) {
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> start(@RequestBody(required = false) Start body, HttpServletRequest request) {
        RateLimiter.Decision decision = limiter.tryAcquire(request.getRemoteAddr());
        if (!decision.allowed()) {
            return errors.tooManyRequests(decision.retryAfterSeconds());
        }
        Start start = body == null ? new Start(null, null, null) : body;
        return ResponseEntity.status(HttpStatus.ACCEPTED).cacheControl(CacheControl.noStore())
                .body(checks.start(start.idNumber(), start.certificateNumber(), start.phone()));
    }

    @PostMapping(path = "/{id}/confirm", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ThirdPartyChecks.Checked> confirm(@PathVariable String id, @RequestBody(required = false) Confirm body) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(checks.confirm(id, body == null ? null : body.code()));
    }
}
