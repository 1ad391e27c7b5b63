package cn.titlecert.error;

import java.io.IOException;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.LocaleResolver;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.titlecert.web.SupportedLocaleResolver;

/** Turns an error code into the {@link ApiError} body in the caller's language. */
@Component
public class ErrorMessages {

    private final MessageSource messages;
    private final ObjectProvider<LocaleResolver> locales;
    private final ObjectProvider<ObjectMapper> json;

    public ErrorMessages(MessageSource messages, ObjectProvider<LocaleResolver> locales, ObjectProvider<ObjectMapper> json) {
        this.messages = messages;
        this.locales = locales;
        this.json = json;
    }

    /**
     * In the caller's language: the product's own choice (cookie, Accept-Language, zh-CN by default) also
     * where Spring MVC did not resolve it, as in the engine's REST API.
     */
    public String text(String key, Object... args) {
        Locale locale = LocaleContextHolder.getLocale();
        LocaleResolver resolver = locales.getIfAvailable();
        if (resolver != null && RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request) {
            locale = resolver.resolveLocale(request.getRequest());
        }
        return text(locale, key, args);
    }

    public String text(Locale locale, String key, Object... args) {
        return messages.getMessage(key, args, key, SupportedLocaleResolver.normalise(locale));
    }

    public ApiError body(String code, Object... args) {
        return new ApiError(code, text("error." + code, args));
    }

    /** As {@link #body}, in the language of this request: for a filter that answers before the request context is set. */
    public ApiError bodyFor(HttpServletRequest request, String code, Object... args) {
        LocaleResolver resolver = locales.getIfAvailable();
        Locale locale = resolver == null ? SupportedLocaleResolver.CHINESE : resolver.resolveLocale(request);
        return new ApiError(code, text(locale, "error." + code, args));
    }

    /**
     * Writes {@link #bodyFor} as the API's JSON with the status: for a filter that answers before Spring MVC (the
     * security chains, the PDF upload's limits).
     */
    public void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code,
            Object... args) throws IOException {
        ApiError body = bodyFor(request, code, args);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.getObject().writeValue(response.getOutputStream(), body);
    }

    /** JSON whatever the Accept header says: an API error must not turn into an empty 406. */
    public ResponseEntity<ApiError> response(HttpStatus status, String code, Object... args) {
        return response(status, body(code, args));
    }

    public ResponseEntity<ApiError> response(HttpStatus status, ApiError body) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
    }

    /** 429 with {@code Retry-After}: a client over its rate limit. */
    public ResponseEntity<ApiError> tooManyRequests(long retryAfterSeconds) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds)).body(body("too-many-requests"));
    }
}
