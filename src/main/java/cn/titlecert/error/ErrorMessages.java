package cn.titlecert.error;

import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import cn.titlecert.web.SupportedLocaleResolver;

/** Turns an error code into the {@link ApiError} body in the caller's language. */
@Component
public class ErrorMessages {

    private final MessageSource messages;

    public ErrorMessages(MessageSource messages) {
        this.messages = messages;
    }

    public String text(String key, Object... args) {
        return text(LocaleContextHolder.getLocale(), key, args);
    }

    public String text(Locale locale, String key, Object... args) {
        return messages.getMessage(key, args, key, SupportedLocaleResolver.normalise(locale));
    }

    public ApiError body(String code, Object... args) {
        return new ApiError(code, text("error." + code, args));
    }

    /** JSON whatever the Accept header says: an API error must not turn into an empty 406. */
    public ResponseEntity<ApiError> response(HttpStatus status, String code, Object... args) {
        return response(status, body(code, args));
    }

    public ResponseEntity<ApiError> response(HttpStatus status, ApiError body) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
