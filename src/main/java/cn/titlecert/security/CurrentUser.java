package cn.titlecert.security;

import java.io.Serializable;
import java.util.Set;

import org.springframework.security.core.AuthenticatedPrincipal;

/**
 * Who is asking: the account, its roles, and the organisation it acts for. {@code scopePath} is the
 * tree path of the organisations whose data this user may see ({@code /} for an administrator).
 */
public record CurrentUser(
        String username,
        String displayName,
        Set<Role> roles,
        Long organisationId,
        String scopePath,
        Long personId) implements AuthenticatedPrincipal, Serializable {

    public CurrentUser {
        roles = Set.copyOf(roles);
    }

    @Override
    public String getName() {
        return username;
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean isAdmin() {
        return roles.contains(Role.ADMIN);
    }

    /** A holder acting only as a holder (not also staff) sees nothing but their own records. */
    public boolean isHolderOnly() {
        return roles.stream().noneMatch(Role::isStaff);
    }

    /** Whether an organisation with this tree path is within the user's reach. */
    public boolean covers(String treePath) {
        return scopePath != null && treePath != null && treePath.startsWith(scopePath) && !isHolderOnly();
    }
}
