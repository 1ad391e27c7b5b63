package cn.titlecert.security;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

import cn.titlecert.organisation.Organisation;
import cn.titlecert.organisation.OrganisationMapper;

/**
 * Checks passwords against the engine's identity service, the one list of users and groups that the
 * product and the Camunda webapps share, and builds the {@link CurrentUser} with its organisation.
 * Failed attempts are counted by {@link LoginThrottle} (the engine's own lock-out is switched off in application.yml:
 * it locked an account for everyone, its holder included, with no word why).
 */
@Component
public class IdentityAuthenticationProvider implements AuthenticationProvider {

    private final IdentityService identityService;
    private final UserAccountMapper accounts;
    private final OrganisationMapper organisations;
    private final LoginThrottle throttle;
    private final AccountService accountService;

    public IdentityAuthenticationProvider(IdentityService identityService, UserAccountMapper accounts,
            OrganisationMapper organisations, LoginThrottle throttle, AccountService accountService) {
        this.identityService = identityService;
        this.accounts = accounts;
        this.organisations = organisations;
        this.throttle = throttle;
        this.accountService = accountService;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String username = authentication.getName();
        Object credentials = authentication.getCredentials();
        if (username == null || username.isBlank() || credentials == null) {
            throw new BadCredentialsException("bad credentials");
        }
        LoginAttempt attempt = authentication.getDetails() instanceof LoginAttempt a ? a
                : new LoginAttempt(null, LoginThrottle.Captcha.IMPOSSIBLE);
        boolean failuresCounted = throttle.beforeAttempt(username, attempt.address(), attempt.captcha());
        if (!identityService.checkPassword(username, credentials.toString())) {
            throttle.failed(username, attempt.address());
            throw new BadCredentialsException("bad credentials");
        }
        if (failuresCounted) {
            throttle.succeeded(username);
        }
        CurrentUser user = load(username);
        List<SimpleGrantedAuthority> authorities = new java.util.ArrayList<>(user.roles().stream()
                .map(r -> new SimpleGrantedAuthority(r.authority())).toList());
        if (accounts.mustChangePassword(username)) {
            authorities.add(new SimpleGrantedAuthority(PasswordChangeGate.AUTHORITY));
        }
        return UsernamePasswordAuthenticationToken.authenticated(user, null, authorities);
    }

    /** The principal of a user whose password has been checked. */
    public CurrentUser load(String username) {
        Set<Role> roles = accountService.rolesOf(username);
        Optional<UserAccount> account = accounts.findByUsername(username);
        if (account.isEmpty()) {
            // An administrator created in Camunda Admin acts for the whole tree; anyone else needs an account.
            if (roles.contains(Role.ADMIN)) {
                return new CurrentUser(username, username, roles, null, "/", null);
            }
            throw new DisabledException("no account");
        }
        UserAccount a = account.get();
        if (!a.enabled()) {
            throw new DisabledException("disabled");
        }
        String scope = roles.contains(Role.ADMIN) ? "/"
                : organisations.findById(a.organisationId()).map(Organisation::treePath).orElse(null);
        return new CurrentUser(username, a.displayName(), roles, a.organisationId(), scope, a.personId());
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
