package cn.titlecert.verification;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import cn.titlecert.error.ErrorMessages;

/**
 * {@code POST /api/public/query}: anyone, no login, rate limited per client address (429 with
 * {@code Retry-After} and {@code {code, message}} in the caller's language). The limit counts every query that
 * reaches the controller, whether it is complete, finds anything or not.
 */
@RestController
@RequestMapping("/api/public")
class PublicQueryController {

    private final PublicQuery query;
    private final PublicQueryLimiter limiter;
    private final ErrorMessages errors;

    PublicQueryController(PublicQuery query, PublicQueryLimiter limiter, ErrorMessages errors) {
        this.query = query;
        this.limiter = limiter;
        this.errors = errors;
    }

    @PostMapping(path = "/query", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> query(@RequestBody(required = false) PublicQuery.Query body, HttpServletRequest request) {
        RateLimiter.Decision decision = limiter.tryAcquire(request.getRemoteAddr());
        if (!decision.allowed()) {
            return errors.tooManyRequests(decision.retryAfterSeconds());
        }
        List<PublicQuery.Result> results = query.find(body == null ? new PublicQuery.Query(null, null, null, null) : body);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(results);
    }
}
