package cn.titlecert.error;

import org.springframework.http.HttpStatus;

/**
 * A refusal the user can understand: a stable code, a message key {@code error.<code>} in
 * messages_*.properties with its arguments, and the HTTP status it maps to.
 */
public class DomainException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final transient Object[] args;

    public DomainException(HttpStatus status, String code, Object... args) {
        super(code);
        this.status = status;
        this.code = code;
        this.args = args == null ? new Object[0] : args.clone();
    }

    public static DomainException badRequest(String code, Object... args) {
        return new DomainException(HttpStatus.BAD_REQUEST, code, args);
    }

    public static DomainException notFound(String code, Object... args) {
        return new DomainException(HttpStatus.NOT_FOUND, code, args);
    }

    public static DomainException forbidden(String code, Object... args) {
        return new DomainException(HttpStatus.FORBIDDEN, code, args);
    }

    public static DomainException conflict(String code, Object... args) {
        return new DomainException(HttpStatus.CONFLICT, code, args);
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Object[] args() {
        return args.clone();
    }

    public String messageKey() {
        return "error." + code;
    }
}
