package cn.titlecert.security;

import java.time.Clock;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.titlecert.audit.AuditTrail;
import cn.titlecert.error.DomainException;

/** Anyone signed in changes their own password: the current one first, the new one by {@link PasswordPolicy}. */
@Service
public class OwnPassword {

    private final IdentityService identity;
    private final UserAccountMapper accounts;
    private final AuditTrail audit;
    private final Clock clock;
    private final PasswordPolicy policy;

    public OwnPassword(IdentityService identity, UserAccountMapper accounts, AuditTrail audit, Clock clock,
            PasswordPolicy policy) {
        this.identity = identity;
        this.accounts = accounts;
        this.audit = audit;
        this.clock = clock;
        this.policy = policy;
    }

    @Transactional
    public void change(CurrentUser user, String current, String next) {
        if (current == null || !identity.checkPassword(user.username(), current)) {
            throw DomainException.badRequest("password.current-wrong");
        }
        policy.check(next, java.util.Arrays.asList(user.username(), user.displayName()));
        if (next.equals(current)) {
            throw DomainException.badRequest("password.unchanged");
        }
        User engineUser = identity.createUserQuery().userId(user.username()).singleResult();
        engineUser.setPassword(next);
        identity.saveUser(engineUser);
        accounts.setMustChangePassword(user.username(), false, clock.instant());
        audit.record(user, "PASSWORD_CHANGED", "account", user.username(), null, null);
    }
}
