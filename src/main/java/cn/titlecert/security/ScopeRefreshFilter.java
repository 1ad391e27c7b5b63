package cn.titlecert.security;

import java.io.IOException;
import java.util.Objects;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

import cn.titlecert.organisation.Organisation;
import cn.titlecert.organisation.OrganisationMapper;

/**
 * A signed-in session keeps its {@link CurrentUser}, whose scope is the tree path of the user's organisation at
 * login. When that organisation has since been moved, the path has changed: the session's principal is brought up to
 * date before anything reads it, so scope follows a move at once (a stale path would only ever match nothing, never
 * more). Calls with HTTP Basic build their principal afresh and need nothing.
 */
class ScopeRefreshFilter extends OncePerRequestFilter {

    private final OrganisationMapper organisations;
    private final HttpSessionSecurityContextRepository sessions = new HttpSessionSecurityContextRepository();

    ScopeRefreshFilter(OrganisationMapper organisations) {
        this.organisations = organisations;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (request.getSession(false) != null && auth != null && auth.getPrincipal() instanceof CurrentUser user
                && !user.isAdmin() && user.organisationId() != null) {
            String current = organisations.findById(user.organisationId()).map(Organisation::treePath).orElse(null);
            if (!Objects.equals(current, user.scopePath())) {
                CurrentUser refreshed = new CurrentUser(user.username(), user.displayName(), user.roles(),
                        user.organisationId(), current, user.personId());
                UsernamePasswordAuthenticationToken token = UsernamePasswordAuthenticationToken.authenticated(refreshed,
                        null, auth.getAuthorities());
                token.setDetails(auth.getDetails());
                SecurityContext context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(token);
                SecurityContextHolder.setContext(context);
                sessions.saveContext(context, request, response);
            }
        }
        chain.doFilter(request, response);
    }
}
