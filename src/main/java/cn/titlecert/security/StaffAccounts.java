package cn.titlecert.security;

import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.titlecert.audit.AuditTrail;
import cn.titlecert.error.DomainException;
import cn.titlecert.organisation.Organisation;
import cn.titlecert.organisation.OrganisationService;
import cn.titlecert.organisation.OrganisationType;

/**
 * Staff accounts as administrators and issuing bureaus keep them: create (with a temporary password to change at the
 * first sign-in), change name, roles and organisation, disable and enable, reset the password. The engine's identity
 * service stays the one list of users: role groups and the organisation's task group follow the account's roles and
 * organisation, so Cockpit, Tasklist and the engine's authorizations stay right. A bureau manages the staff of its own
 * subtree and never an administrator; nobody changes their own roles or disables themselves. Every change is audited.
 */
@Service
public class StaffAccounts {

    private static final Pattern USERNAME = Pattern.compile("[a-z][a-z0-9._-]{2,63}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,190}\\.[^@\\s]{1,60}");

    /** The organisation types a role may act for. */
    private static final Map<Role, Set<OrganisationType>> ACTS_FOR = Map.of(
            Role.ADMIN, EnumSet.of(OrganisationType.BUREAU),
            Role.BUREAU, EnumSet.of(OrganisationType.BUREAU),
            Role.OPERATOR, EnumSet.of(OrganisationType.BUREAU),
            Role.SUPERVISOR, EnumSet.of(OrganisationType.SUPERVISORY_DEPARTMENT, OrganisationType.ARCHIVE_AGENCY),
            Role.EMPLOYER, EnumSet.of(OrganisationType.EMPLOYER),
            Role.COMMITTEE, EnumSet.of(OrganisationType.COMMITTEE),
            Role.EXAM_AGENCY, EnumSet.of(OrganisationType.EXAM_AGENCY));

    public record StaffAccount(String username, String displayName, String email, Set<Role> roles, Long organisationId,
            boolean enabled, boolean mustChangePassword) {
    }

    /** A new account, or a reset: the temporary password is shown this once and never stored in clear. */
    public record Issued(StaffAccount account, String temporaryPassword) {
    }

    public record Changes(String displayName, String email, Set<Role> roles, Long organisationId) {
    }

    private final IdentityService identity;
    private final UserAccountMapper accounts;
    private final AccountService accountService;
    private final OrganisationService organisations;
    private final AuditTrail audit;
    private final Clock clock;

    public StaffAccounts(IdentityService identity, UserAccountMapper accounts, AccountService accountService,
            OrganisationService organisations, AuditTrail audit, Clock clock) {
        this.identity = identity;
        this.accounts = accounts;
        this.accountService = accountService;
        this.organisations = organisations;
        this.audit = audit;
        this.clock = clock;
    }

    public List<StaffAccount> list(CurrentUser manager, int page, int size) {
        requireManager(manager);
        int limit = Math.min(Math.max(size, 1), 200);
        return accounts.findStaffUnder(manager.scopePath(), Math.max(page, 0) * limit, limit).stream()
                .map(this::view).filter(a -> manager.has(Role.ADMIN) || !a.roles().contains(Role.ADMIN)).toList();
    }

    /** The roles this manager may give: every staff role, administrator only by an administrator. */
    public Set<Role> assignableRoles(CurrentUser manager) {
        requireManager(manager);
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (Role role : Role.values()) {
            if (role.isStaff() && (role != Role.ADMIN || manager.has(Role.ADMIN))) {
                roles.add(role);
            }
        }
        return roles;
    }

    public StaffAccount one(CurrentUser manager, String username) {
        return view(requireManaged(manager, username));
    }

    @Transactional
    public Issued create(CurrentUser manager, String username, Changes changes) {
        requireManager(manager);
        String name = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        if (!USERNAME.matcher(name).matches()) {
            throw DomainException.badRequest("account.username-invalid");
        }
        Organisation organisation = checkChanges(manager, changes, null);
        if (accountService.exists(name) || accounts.findByUsername(name).isPresent()) {
            throw DomainException.conflict("account.exists", name);
        }
        String password = PasswordPolicy.temporary();
        accountService.create(name, changes.displayName().strip(), password, changes.roles(), organisation.id(), null);
        setEmail(name, changes.email());
        accounts.setMustChangePassword(name, true, clock.instant());
        audit.record(manager, "STAFF_ACCOUNT_CREATED", "account", name, "roles=" + sorted(changes.roles())
                + ", organisation=" + organisation.id(), null);
        return new Issued(view(accounts.findByUsername(name).orElseThrow()), password);
    }

    @Transactional
    public StaffAccount update(CurrentUser manager, String username, Changes changes) {
        UserAccount account = requireManaged(manager, username);
        Set<Role> before = accountService.rolesOf(account.username());
        if (account.username().equals(manager.username()) && !before.equals(EnumSet.copyOf(changes.roles()))) {
            throw DomainException.forbidden("account.own-roles");
        }
        Organisation organisation = checkChanges(manager, changes, account);
        for (Role role : before) {
            if (!changes.roles().contains(role)) {
                identity.deleteMembership(account.username(), role.groupId());
            }
        }
        for (Role role : changes.roles()) {
            if (!before.contains(role)) {
                identity.createMembership(account.username(), role.groupId());
            }
        }
        // The organisation's task group: staff who decide steps belong to their organisation's group only.
        for (Group group : identity.createGroupQuery().groupMember(account.username()).list()) {
            Long of = OrganisationGroups.organisationOf(group.getId());
            if (of != null && (!of.equals(organisation.id()) || changes.roles().stream().noneMatch(Role::actsOnTasks))) {
                identity.deleteMembership(account.username(), group.getId());
            }
        }
        if (changes.roles().stream().anyMatch(Role::actsOnTasks)) {
            accountService.joinOrganisationGroup(account.username(), organisation.id());
        }
        User user = identity.createUserQuery().userId(account.username()).singleResult();
        user.setFirstName(changes.displayName().strip());
        identity.saveUser(user);
        setEmail(account.username(), changes.email());
        accounts.update(account.username(), changes.displayName().strip(), organisation.id(), clock.instant());
        audit.record(manager, "STAFF_ACCOUNT_CHANGED", "account", account.username(), "roles=" + sorted(before) + "->"
                + sorted(changes.roles()) + ", organisation=" + account.organisationId() + "->" + organisation.id(), null);
        return view(accounts.findByUsername(account.username()).orElseThrow());
    }

    @Transactional
    public StaffAccount setEnabled(CurrentUser manager, String username, boolean enabled, String reason) {
        UserAccount account = requireManaged(manager, username);
        if (!enabled && account.username().equals(manager.username())) {
            throw DomainException.forbidden("account.own-disable");
        }
        if (!enabled && (reason == null || reason.isBlank())) {
            throw DomainException.badRequest("account.reason-required");
        }
        if (reason != null && reason.length() > 500) {
            throw DomainException.badRequest("account.reason-too-long", 500);
        }
        accounts.setEnabled(account.username(), enabled);
        audit.record(manager, enabled ? "STAFF_ACCOUNT_ENABLED" : "STAFF_ACCOUNT_DISABLED", "account",
                account.username(), null, reason == null || reason.isBlank() ? null : reason.strip());
        return view(accounts.findByUsername(account.username()).orElseThrow());
    }

    @Transactional
    public Issued resetPassword(CurrentUser manager, String username) {
        UserAccount account = requireManaged(manager, username);
        String password = PasswordPolicy.temporary();
        User user = identity.createUserQuery().userId(account.username()).singleResult();
        user.setPassword(password);
        identity.saveUser(user);
        identity.unlockUser(account.username());
        accounts.setMustChangePassword(account.username(), true, clock.instant());
        audit.record(manager, "STAFF_ACCOUNT_PASSWORD_RESET", "account", account.username(), null, null);
        return new Issued(view(accounts.findByUsername(account.username()).orElseThrow()), password);
    }

    private Organisation checkChanges(CurrentUser manager, Changes changes, UserAccount existing) {
        if (changes == null || changes.displayName() == null || changes.displayName().isBlank()) {
            throw DomainException.badRequest("account.display-name-required");
        }
        if (changes.displayName().strip().length() > 100) {
            throw DomainException.badRequest("account.display-name-too-long", 100);
        }
        if (changes.email() != null && !changes.email().isBlank()
                && (changes.email().length() > 254 || !EMAIL.matcher(changes.email().strip()).matches())) {
            throw DomainException.badRequest("account.email-invalid");
        }
        if (changes.roles() == null || changes.roles().isEmpty() || changes.roles().contains(Role.HOLDER)) {
            throw DomainException.badRequest("account.roles-required");
        }
        if (!assignableRoles(manager).containsAll(changes.roles())) {
            throw DomainException.forbidden("account.admin-only");
        }
        if (changes.organisationId() == null) {
            throw DomainException.badRequest("account.organisation-required");
        }
        Organisation organisation = organisations.find(changes.organisationId())
                .filter(o -> manager.covers(o.treePath()))
                .orElseThrow(() -> DomainException.notFound("organisation.not-found"));
        if (!organisation.active()) {
            throw DomainException.conflict("account.organisation-retired");
        }
        for (Role role : changes.roles()) {
            if (!ACTS_FOR.getOrDefault(role, Set.of()).contains(organisation.type())) {
                throw DomainException.badRequest("account.role-organisation", role.name(), organisation.type().name());
            }
        }
        return organisation;
    }

    private void requireManager(CurrentUser manager) {
        if (manager == null || !(manager.has(Role.ADMIN) || manager.has(Role.BUREAU))) {
            throw DomainException.forbidden("forbidden");
        }
    }

    /** An account this manager may see and change: staff of its subtree; administrators only for administrators. */
    private UserAccount requireManaged(CurrentUser manager, String username) {
        requireManager(manager);
        UserAccount account = username == null ? null : accounts.findByUsername(username).orElse(null);
        if (account == null || account.personId() != null) {
            throw DomainException.notFound("account.not-found");
        }
        Organisation organisation = organisations.find(account.organisationId()).orElse(null);
        if (organisation == null || !manager.covers(organisation.treePath())
                || (accountService.rolesOf(account.username()).contains(Role.ADMIN) && !manager.has(Role.ADMIN))) {
            throw DomainException.notFound("account.not-found");
        }
        return account;
    }

    private void setEmail(String username, String email) {
        User user = identity.createUserQuery().userId(username).singleResult();
        user.setEmail(email == null || email.isBlank() ? null : email.strip());
        identity.saveUser(user);
    }

    private StaffAccount view(UserAccount account) {
        User user = identity.createUserQuery().userId(account.username()).singleResult();
        return new StaffAccount(account.username(), account.displayName(), user == null ? null : user.getEmail(),
                accountService.rolesOf(account.username()), account.organisationId(), account.enabled(),
                accounts.mustChangePassword(account.username()));
    }

    private static String sorted(Set<Role> roles) {
        return roles.stream().map(Role::name).sorted().collect(Collectors.joining(",", "[", "]"));
    }
}
