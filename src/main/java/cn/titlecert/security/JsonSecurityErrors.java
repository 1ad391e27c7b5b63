package cn.titlecert.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.titlecert.error.ApiError;
import cn.titlecert.error.ErrorMessages;
import cn.titlecert.error.OversizeUploads;

/**
 * 401 and 403 for the APIs as the contract's JSON {@code {code, message}}, in the caller's language.
 * No {@code WWW-Authenticate} challenge: a browser would then cache Basic credentials and send them on
 * cross-site requests, which CSRF protection for Basic-authenticated calls does not cover.
 */
@Component
public class JsonSecurityErrors implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final ErrorMessages errors;
    private final ObjectMapper json;

    public JsonSecurityErrors(ErrorMessages errors, ObjectMapper json) {
        this.errors = errors;
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        write(response, HttpStatus.UNAUTHORIZED, "unauthenticated");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        boolean csrf = e instanceof org.springframework.security.web.csrf.CsrfException;
        if (csrf && OversizeUploads.refused(request)) {
            write(response, HttpStatus.PAYLOAD_TOO_LARGE, "upload-too-large");
            return;
        }
        write(response, HttpStatus.FORBIDDEN, csrf ? "csrf" : "forbidden");
    }

    private void write(HttpServletResponse response, HttpStatus status, String code)
            throws IOException {
        String message = errors.text("error." + code);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), new ApiError(code, message));
    }
}
