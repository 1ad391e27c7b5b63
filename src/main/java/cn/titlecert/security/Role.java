package cn.titlecert.security;

import java.util.Arrays;
import java.util.Optional;

/**
 * The roles of DESIGN.md. Each is a group of the engine's identity service, so the product, Cockpit,
 * Tasklist and Admin see the same membership; the group id (letters and digits only, as the engine requires) is what BPMN candidate groups name.
 */
public enum Role {
    ADMIN("camunda-admin"),
    BUREAU("bureau"),
    SUPERVISOR("supervisor"),
    EMPLOYER("employer"),
    COMMITTEE("committee"),
    EXAM_AGENCY("exam"),
    HOLDER("holder"),
    OPERATOR("operator");

    private final String groupId;

    Role(String groupId) {
        this.groupId = groupId;
    }

    public String groupId() {
        return groupId;
    }

    /** The Spring Security authority, e.g. {@code ROLE_BUREAU}. */
    public String authority() {
        return "ROLE_" + name();
    }

    public boolean isStaff() {
        return this != HOLDER;
    }

    /**
     * Whether staff with this role are candidates of their organisation's steps (and so join its {@code org<id>}
     * group). An operator watches and retries jobs but decides no case, so is never a candidate.
     */
    public boolean actsOnTasks() {
        return isStaff() && this != OPERATOR;
    }

    public static Optional<Role> ofGroup(String groupId) {
        return Arrays.stream(values()).filter(r -> r.groupId.equals(groupId)).findFirst();
    }
}
