package cn.titlecert.security;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.List;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import cn.titlecert.TitlecertProperties;

/**
 * At every start: makes sure each role exists as an engine group with the engine permissions it needs
 * in Cockpit and Tasklist, and (outside the demo) that the configured administrator exists. Safe to run
 * on every node and every start: it only adds what is missing.
 */
@Component
@Order(10)
public class IdentityBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(IdentityBootstrap.class);

    private final IdentityService identityService;
    private final AuthorizationService authorizations;
    private final AccountService accountService;
    private final TitlecertProperties properties;

    public IdentityBootstrap(IdentityService identityService, AuthorizationService authorizations,
            AccountService accountService, TitlecertProperties properties) {
        this.identityService = identityService;
        this.authorizations = authorizations;
        this.accountService = accountService;
        this.properties = properties;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        for (Role role : Role.values()) {
            ensureGroup(role);
        }
        for (Resource resource : Resources.values()) {
            grant(Role.ADMIN, resource, ANY, Permissions.ALL);
        }
        // Staff work on their organisation's tasks in Tasklist (the task's candidate group grants the task itself);
        // they do not read the models, which only administrators and those who watch them in Cockpit need.
        for (Role staff : List.of(Role.BUREAU, Role.SUPERVISOR, Role.EMPLOYER, Role.COMMITTEE, Role.EXAM_AGENCY)) {
            grant(staff, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
            grant(staff, Resources.FILTER, ANY, Permissions.READ);
        }
        for (Role taskOnly : List.of(Role.SUPERVISOR, Role.EMPLOYER, Role.COMMITTEE, Role.EXAM_AGENCY)) {
            revoke(taskOnly, Resources.PROCESS_DEFINITION, ANY, Permissions.READ);
        }
        for (Role watcher : List.of(Role.BUREAU, Role.OPERATOR)) {
            grant(watcher, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
            grant(watcher, Resources.PROCESS_DEFINITION, ANY, Permissions.READ, Permissions.READ_HISTORY,
                    Permissions.READ_INSTANCE);
            grant(watcher, Resources.DECISION_DEFINITION, ANY, Permissions.READ, Permissions.READ_HISTORY);
            grant(watcher, Resources.DEPLOYMENT, ANY, Permissions.READ);
            grant(watcher, Resources.PROCESS_INSTANCE, ANY, Permissions.READ);
        }
        // Operators handle incidents: they retry failed jobs, and nothing else of an instance (UPDATE would let them
        // set variables and move tokens: granted by earlier versions, taken back here).
        revoke(Role.OPERATOR, Resources.PROCESS_INSTANCE, ANY, Permissions.UPDATE);
        grant(Role.OPERATOR, Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.RETRY_JOB);
        grant(Role.OPERATOR, Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.RETRY_JOB);
        removeOperatorsFromOrganisationGroups();
        ensureAdministrator();
    }

    /**
     * Operators are no task candidates: one who was put into an organisation's group (as accounts once were) would
     * see and could complete that organisation's steps in Tasklist. Only operators without another staff role.
     */
    private void removeOperatorsFromOrganisationGroups() {
        for (org.camunda.bpm.engine.identity.User user : identityService.createUserQuery()
                .memberOfGroup(Role.OPERATOR.groupId()).list()) {
            List<Group> groups = identityService.createGroupQuery().groupMember(user.getId()).list();
            boolean actsOnTasks = groups.stream().map(Group::getId).map(Role::ofGroup)
                    .anyMatch(r -> r.isPresent() && r.get().actsOnTasks());
            if (!actsOnTasks) {
                groups.stream().map(Group::getId).filter(id -> OrganisationGroups.organisationOf(id) != null)
                        .forEach(id -> identityService.deleteMembership(user.getId(), id));
            }
        }
    }

    private void ensureGroup(Role role) {
        if (identityService.createGroupQuery().groupId(role.groupId()).count() == 0) {
            Group group = identityService.newGroup(role.groupId());
            group.setName(role.name());
            group.setType(role == Role.ADMIN ? Groups.GROUP_TYPE_SYSTEM : Groups.GROUP_TYPE_WORKFLOW);
            identityService.saveGroup(group);
        }
    }

    private void grant(Role role, Resource resource, String resourceId, Permission... permissions) {
        Authorization existing = authorizations.createAuthorizationQuery().groupIdIn(role.groupId())
                .resourceType(resource).resourceId(resourceId).singleResult();
        Authorization authorization = existing != null ? existing : authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
        boolean changed = existing == null;
        if (existing == null) {
            authorization.setGroupId(role.groupId());
            authorization.setResource(resource);
            authorization.setResourceId(resourceId);
        }
        for (Permission permission : permissions) {
            if (existing == null || !existing.isPermissionGranted(permission)) {
                authorization.addPermission(permission);
                changed = true;
            }
        }
        if (changed) {
            authorizations.saveAuthorization(authorization);
        }
    }

    /** Takes back permissions an earlier version granted; the authorization itself stays for the others it holds. */
    private void revoke(Role role, Resource resource, String resourceId, Permission... permissions) {
        Authorization existing = authorizations.createAuthorizationQuery().groupIdIn(role.groupId())
                .resourceType(resource).resourceId(resourceId).singleResult();
        if (existing == null || existing.getAuthorizationType() != AUTH_TYPE_GRANT) {
            return;
        }
        boolean changed = false;
        for (Permission permission : permissions) {
            if (existing.isPermissionGranted(permission)) {
                existing.removePermission(permission);
                changed = true;
            }
        }
        if (changed) {
            if (existing instanceof AuthorizationEntity entity && entity.getPermissions() == 0) {
                authorizations.deleteAuthorization(existing.getId());
            } else {
                authorizations.saveAuthorization(existing);
            }
            log.info("Took back {} on {} from group {}", java.util.Arrays.toString(permissions), resource.resourceName(),
                    role.groupId());
        }
    }

    private void ensureAdministrator() {
        TitlecertProperties.Admin admin = properties.admin();
        if (admin.username() == null || admin.username().isBlank()) {
            return; // the demo profile has its own admin; production is stopped earlier by ProductionSafeguards
        }
        if (!accountService.exists(admin.username())) {
            accountService.createIdentity(admin.username(), admin.username(), admin.password(), java.util.Set.of(Role.ADMIN));
            log.info("Created the administrator account '{}'", admin.username());
        }
    }
}
