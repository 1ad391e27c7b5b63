package cn.titlecert.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;

import cn.titlecert.error.ErrorMessages;
import cn.titlecert.error.OversizeUploads;

/**
 * 401 and 403 for the APIs as the contract's JSON {@code {code, message}}, in the language of the request itself
 * (these answers come from filters, before any request context is set).
 * No {@code WWW-Authenticate} challenge: a browser would then cache Basic credentials and send them on
 * cross-site requests, which CSRF protection for Basic-authenticated calls does not cover.
 */
@Component
public class JsonSecurityErrors implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final ErrorMessages errors;
    public JsonSecurityErrors(ErrorMessages errors) {
        this.errors = errors;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        if (e instanceof LoginRefusedException refused && refused.reason() == LoginRefusedException.Reason.WAIT) {
            // Too many failed sign-ins from this address (or for this account): say how long to wait.
            response.setHeader("Retry-After", String.valueOf(refused.waitSeconds()));
            errors.write(request, response, HttpStatus.TOO_MANY_REQUESTS, refused.code(), refused.waitSeconds());
            return;
        }
        errors.write(request, response, HttpStatus.UNAUTHORIZED, "unauthenticated");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        boolean csrf = e instanceof org.springframework.security.web.csrf.CsrfException;
        if (csrf && OversizeUploads.refused(request)) {
            errors.write(request, response, HttpStatus.PAYLOAD_TOO_LARGE, "upload-too-large");
            return;
        }
        errors.write(request, response, HttpStatus.FORBIDDEN, csrf ? "csrf" : "forbidden");
    }
}
