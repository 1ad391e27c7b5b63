package cn.titlecert.error;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.validation.BindException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

/**
 * Maps every failure of the HTTP API to {@code {code, message}} with a 4xx status and a message in
 * the caller's language. Anything unexpected is a 500 whose details stay in the log.
 */
@RestControllerAdvice(annotations = org.springframework.web.bind.annotation.RestController.class)
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
public class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final ErrorMessages errors;

    public ApiExceptionHandler(ErrorMessages errors) {
        this.errors = errors;
    }

    @ExceptionHandler(DomainException.class)
    ResponseEntity<ApiError> domain(DomainException e) {
        return errors.response(e.status(), new ApiError(e.code(), errors.text(e.messageKey(), e.args())));
    }

    @ExceptionHandler(TooManyRequestsException.class)
    ResponseEntity<ApiError> tooMany(TooManyRequestsException e) {
        return ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfterSeconds()))
                .body(new ApiError(e.code(), errors.text(e.messageKey(), e.args())));
    }

    @ExceptionHandler(BindException.class)
    ResponseEntity<ApiError> invalid(BindException e) {
        List<ApiError.FieldProblem> fields = e.getFieldErrors().stream()
                .map(f -> new ApiError.FieldProblem(f.getField(), errors.text("validation." + f.getCode(), f.getArguments())))
                .toList();
        ApiError body = errors.body("invalid-request");
        return errors.response(HttpStatus.BAD_REQUEST, new ApiError(body.code(), body.message(), fields));
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<ApiError> invalidParameter(HandlerMethodValidationException e) {
        return errors.response(HttpStatus.BAD_REQUEST, "invalid-request");
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
        return errors.response(HttpStatus.BAD_REQUEST, "unreadable-request");
    }

    @ExceptionHandler({MissingServletRequestParameterException.class, MethodArgumentTypeMismatchException.class})
    ResponseEntity<ApiError> badParameter(Exception e) {
        return errors.response(HttpStatus.BAD_REQUEST, "invalid-request");
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ApiError> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return errors.response(HttpStatus.NOT_ACCEPTABLE, "not-acceptable");
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ApiError> tooLarge(MaxUploadSizeExceededException e) {
        return errors.response(HttpStatus.PAYLOAD_TOO_LARGE, "upload-too-large");
    }

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ApiError> multipart(MultipartException e) {
        return errors.response(HttpStatus.BAD_REQUEST, "unreadable-request");
    }

    /** The firewall refuses a header it reads lazily (non-ASCII bytes, say): the client's fault, never a 5xx. */
    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<ApiError> rejected(RequestRejectedException e) {
        return errors.response(HttpStatus.BAD_REQUEST, "invalid-request");
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ApiError> denied(AccessDeniedException e) {
        return errors.response(HttpStatus.FORBIDDEN, "forbidden");
    }

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<ApiError> unauthenticated(AuthenticationException e) {
        return errors.response(HttpStatus.UNAUTHORIZED, "unauthenticated");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> unexpected(Exception e, HttpServletRequest request) {
        log.error("Unexpected failure on {} {}", request.getMethod(), request.getRequestURI(), e);
        return errors.response(HttpStatus.INTERNAL_SERVER_ERROR, "internal");
    }
}
