package cn.titlecert.security;

import java.time.Clock;
import java.util.Set;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.titlecert.audit.AuditTrail;
import cn.titlecert.error.DomainException;
import cn.titlecert.organisation.Organisation;
import cn.titlecert.organisation.OrganisationMapper;

/**
 * Creates accounts in both halves at once: the user and its group memberships in the engine's
 * identity service, and the product's account row with its organisation. One transaction.
 */
@Service
public class AccountService {

    private final IdentityService identityService;
    private final UserAccountMapper accounts;
    private final Clock clock;
    private final AuditTrail audit;
    private final OrganisationMapper organisations;

    public AccountService(IdentityService identityService, UserAccountMapper accounts, Clock clock, AuditTrail audit,
            OrganisationMapper organisations) {
        this.audit = audit;
        this.organisations = organisations;
        this.identityService = identityService;
        this.accounts = accounts;
        this.clock = clock;
    }

    @Transactional
    public UserAccount create(String username, String displayName, String password, Set<Role> roles,
            Long organisationId, Long personId) {
        if (identityService.createUserQuery().userId(username).count() > 0 || accounts.findByUsername(username).isPresent()) {
            throw DomainException.conflict("account.exists", username);
        }
        if (organisationId != null) {
            // A retired organisation takes no new staff (its existing accounts keep their history).
            organisations.findById(organisationId).filter(Organisation::retired).ifPresent(o -> {
                throw DomainException.conflict("organisation.retired", o.name());
            });
        }
        createIdentity(username, displayName, password, roles);
        if (organisationId != null && roles.stream().anyMatch(Role::actsOnTasks)) {
            joinOrganisationGroup(username, organisationId);
        }
        UserAccount account = new UserAccount(username, displayName, organisationId, personId, true, clock.instant());
        accounts.insert(account);
        return account;
    }

    /** The engine-side user only, for an administrator who acts for the whole tree. */
    @Transactional
    public void createIdentity(String username, String displayName, String password, Set<Role> roles) {
        User user = identityService.newUser(username);
        user.setFirstName(displayName);
        user.setLastName("");
        user.setPassword(password);
        identityService.saveUser(user);
        for (Role role : roles) {
            identityService.createMembership(username, role.groupId());
        }
        audit.append(AuditTrail.SYSTEM, null, "ACCOUNT_CREATED", "account", username,
                "roles=" + roles.stream().map(Role::name).sorted().toList(), null);
    }

    /** Staff join their organisation's group, which review tasks name as candidate. */
    @Transactional
    public void joinOrganisationGroup(String username, long organisationId) {
        String groupId = OrganisationGroups.of(organisationId);
        if (identityService.createGroupQuery().groupId(groupId).count() == 0) {
            org.camunda.bpm.engine.identity.Group group = identityService.newGroup(groupId);
            group.setName("organisation " + organisationId);
            group.setType(org.camunda.bpm.engine.authorization.Groups.GROUP_TYPE_WORKFLOW);
            identityService.saveGroup(group);
        }
        if (identityService.createUserQuery().userId(username).memberOfGroup(groupId).count() == 0) {
            identityService.createMembership(username, groupId);
        }
    }

    /** The address staff notifications go to (kept on the engine's user, where Camunda Admin shows it too). */
    @Transactional
    public void setEmail(String username, String email) {
        User user = identityService.createUserQuery().userId(username).singleResult();
        if (user == null) {
            throw DomainException.notFound("account.not-found");
        }
        user.setEmail(email);
        identityService.saveUser(user);
    }

    /** The roles of an account: the role groups it is a member of in the engine's identity service. */
    public Set<Role> rolesOf(String username) {
        Set<Role> roles = java.util.EnumSet.noneOf(Role.class);
        for (org.camunda.bpm.engine.identity.Group group : identityService.createGroupQuery().groupMember(username).list()) {
            Role.ofGroup(group.getId()).ifPresent(roles::add);
        }
        return roles;
    }

    public boolean exists(String username) {
        return identityService.createUserQuery().userId(username).count() > 0;
    }
}
