package cn.titlecert.audit;

import java.time.Instant;

/** One line of the audit trail: who, for which organisation, when, did what to what, why, from where. */
public record AuditEntry(
        Long id,
        Instant occurredAt,
        String actor,
        Long organisationId,
        String action,
        String entityType,
        String entityId,
        String detail,
        String reason,
        String remoteAddr,
        String prevHash,
        String entryHash) {
}
