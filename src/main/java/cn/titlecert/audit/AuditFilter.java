package cn.titlecert.audit;

import java.time.Instant;

/**
 * Which audit entries to show. {@code scopePath}: only entries written for organisations at or below it
 * (null: all, for an administrator); {@code organisationPath}: the organisation chosen in the filter, with
 * those below it. {@code from} inclusive, {@code to} exclusive.
 */
public record AuditFilter(
        String actor,
        String organisationPath,
        String action,
        String entityType,
        String entityId,
        Instant from,
        Instant to,
        String scopePath) {
}
