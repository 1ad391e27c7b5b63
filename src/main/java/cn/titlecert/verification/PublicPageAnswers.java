package cn.titlecert.verification;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;

import cn.titlecert.error.DomainException;
import cn.titlecert.error.ErrorMessages;
import cn.titlecert.error.TooManyRequestsException;

/**
 * How the public pages (query, third-party check) answer a refusal: the status the API would give, and the message
 * in words on the page itself, so a phone user sees why and a client still gets the right code.
 */
public final class PublicPageAnswers {

    private PublicPageAnswers() {
    }

    /** The rate limit's refusal (429 with {@code Retry-After}, as the API); false when the request may go on. */
    public static boolean refusedByLimit(RateLimiter.Decision decision, Model model, HttpServletResponse response,
            ErrorMessages errors) {
        if (decision.allowed()) {
            return false;
        }
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(decision.retryAfterSeconds()));
        model.addAttribute("error", errors.text("error.too-many-requests"));
        return true;
    }

    /** A domain refusal: its status (with {@code Retry-After} for a limit), and its message on the page. */
    public static void refused(DomainException refused, Model model, HttpServletResponse response, ErrorMessages errors) {
        response.setStatus(refused.status().value());
        if (refused instanceof TooManyRequestsException limit) {
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(limit.retryAfterSeconds()));
        }
        model.addAttribute("error", errors.text(refused.messageKey(), refused.args()));
    }
}
