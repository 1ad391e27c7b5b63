package cn.titlecert.web;

import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.servlet.i18n.CookieLocaleResolver;

/**
 * The product speaks Simplified Chinese (default) and English. A choice made on a page is kept in a
 * cookie; otherwise the Accept-Language header decides; anything else falls back to zh-CN.
 */
public class SupportedLocaleResolver extends CookieLocaleResolver {

    public static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;
    public static final Locale ENGLISH = Locale.ENGLISH;
    private static final List<Locale> SUPPORTED = List.of(CHINESE, ENGLISH);

    public SupportedLocaleResolver() {
        super("lang");
        setCookieMaxAge(java.time.Duration.ofDays(365));
        setDefaultLocaleFunction(SupportedLocaleResolver::fromHeader);
    }

    /** One of the two supported locales, whatever is asked for. */
    public static Locale normalise(Locale requested) {
        if (requested != null && "en".equals(requested.getLanguage())) {
            return ENGLISH;
        }
        return CHINESE;
    }

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        return normalise(super.resolveLocale(request));
    }

    @Override
    public void setLocale(HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response, Locale locale) {
        super.setLocale(request, response, locale == null ? null : normalise(locale));
    }

    private static Locale fromHeader(HttpServletRequest request) {
        String header = request.getHeader("Accept-Language");
        if (header == null || header.isBlank()) {
            return CHINESE;
        }
        try {
            Locale best = Locale.lookup(Locale.LanguageRange.parse(header), SUPPORTED);
            if (best != null) {
                return best;
            }
            // "zh-TW" or "zh" still means Chinese; "fr" gets the default.
            return CHINESE;
        } catch (IllegalArgumentException malformed) {
            return CHINESE;
        }
    }
}
