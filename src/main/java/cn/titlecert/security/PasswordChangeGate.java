package cn.titlecert.security;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import cn.titlecert.error.ErrorMessages;

/**
 * An account signed in with a temporary password (new, or reset by an administrator) does nothing but change it:
 * pages lead to the password page, API and engine calls answer 403 {@code password-change-required}.
 */
public class PasswordChangeGate extends OncePerRequestFilter {

    /** The authority a sign-in with a temporary password carries until the password is changed. */
    public static final String AUTHORITY = "PASSWORD_CHANGE_REQUIRED";
    static final String PAGE = "/account/password";

    private static final List<String> OPEN = List.of(PAGE, "/api/me", "/api/me/password", "/logout", "/login", "/error",
            "/css/", "/js/", "/images/", "/favicon.ico");

    private final ErrorMessages errors;

    public PasswordChangeGate(ErrorMessages errors) {
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || authentication.getAuthorities().stream()
                .noneMatch(a -> AUTHORITY.equals(a.getAuthority())) || open(request)) {
            chain.doFilter(request, response);
            return;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/api/") || path.startsWith("/engine-rest/") || path.startsWith("/camunda/api/")
                || path.startsWith("/actuator/")) {
            errors.write(request, response, HttpStatus.FORBIDDEN, "password-change-required");
            return;
        }
        response.sendRedirect(request.getContextPath() + PAGE);
    }

    private static boolean open(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return OPEN.stream().anyMatch(p -> p.endsWith("/") ? path.startsWith(p) : path.equals(p));
    }
}
