package cn.titlecert.error;

import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.view.json.MappingJackson2JsonView;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The container's error page (/error): JSON {@code {code, message}} for the API, an HTML page in the
 * user's language for everything else. Replaces Spring Boot's default body, which does not follow the
 * contract and may reveal internals.
 */
@Controller
public class AppErrorController implements ErrorController {

    private final ErrorMessages errors;

    public AppErrorController(ErrorMessages errors) {
        this.errors = errors;
    }

    @RequestMapping(value = "/error", produces = MediaType.TEXT_HTML_VALUE)
    public ModelAndView page(HttpServletRequest request) {
        HttpStatus status = statusOf(request);
        String code = codeFor(status);
        ModelAndView view;
        if (isApi(request)) {
            // The API answers JSON even to a browser that prefers HTML.
            MappingJackson2JsonView json = new MappingJackson2JsonView();
            view = new ModelAndView(json, Map.of("code", code, "message", errors.text("error." + code)));
        } else {
            view = new ModelAndView("error", Map.of("status", status.value(), "code", code));
        }
        view.setStatus(status);
        return view;
    }

    @RequestMapping("/error")
    public ResponseEntity<ApiError> json(HttpServletRequest request) {
        HttpStatus status = statusOf(request);
        return errors.response(status, codeFor(status));
    }

    private static boolean isApi(HttpServletRequest request) {
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        return uri != null && uri.toString().startsWith(request.getContextPath() + "/api/");
    }

    private static HttpStatus statusOf(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (code instanceof Integer value) {
            HttpStatus status = HttpStatus.resolve(value);
            if (status != null) {
                return status;
            }
        }
        return HttpStatus.INTERNAL_SERVER_ERROR;
    }

    static String codeFor(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "invalid-request";
            case UNAUTHORIZED -> "unauthenticated";
            case FORBIDDEN -> "forbidden";
            case NOT_FOUND -> "not-found";
            case METHOD_NOT_ALLOWED -> "method-not-allowed";
            case PAYLOAD_TOO_LARGE -> "upload-too-large";
            case UNSUPPORTED_MEDIA_TYPE -> "unsupported-media-type";
            case TOO_MANY_REQUESTS -> "too-many-requests";
            default -> status.is4xxClientError() ? "invalid-request" : "internal";
        };
    }
}
