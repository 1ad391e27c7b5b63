package cn.titlecert.error;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Failures found before any controller is chosen (no such path, wrong method, wrong content type):
 * the contract's JSON for {@code /api/**}; for pages the exception goes on to the HTML error page.
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class RequestMappingErrorHandler {

    private final ErrorMessages errors;

    RequestMappingErrorHandler(ErrorMessages errors) {
        this.errors = errors;
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ApiError> notFound(NoResourceFoundException e, HttpServletRequest request) throws Exception {
        return apiOrRethrow(e, request, HttpStatus.NOT_FOUND, "not-found");
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ApiError> method(HttpRequestMethodNotSupportedException e, HttpServletRequest request)
            throws Exception {
        return apiOrRethrow(e, request, HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed");
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ApiError> mediaType(HttpMediaTypeNotSupportedException e, HttpServletRequest request)
            throws Exception {
        return apiOrRethrow(e, request, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type");
    }

    private ResponseEntity<ApiError> apiOrRethrow(Exception e, HttpServletRequest request, HttpStatus status,
            String code) throws Exception {
        if (!request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            throw e; // the next resolver answers with the status; the container shows the HTML error page
        }
        return errors.response(status, code);
    }
}
