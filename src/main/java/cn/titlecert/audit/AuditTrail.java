package cn.titlecert.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import cn.titlecert.persistence.GeneratedKey;
import cn.titlecert.security.CurrentUser;

/**
 * Appends to the audit trail within the caller's transaction (the entry exists exactly when the change
 * it describes does) and checks the hash chain. Details must never hold clear personal data.
 */
@Service
public class AuditTrail {

    /** The actor recorded for what the system does on its own (timers, batch jobs, start-up). */
    public static final String SYSTEM = "system";

    private final AuditMapper audit;
    private final Clock clock;

    public AuditTrail(AuditMapper audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public AuditEntry record(CurrentUser actor, String action, String entityType, Object entityId, String detail,
            String reason) {
        return append(actor == null ? SYSTEM : actor.username(), actor == null ? null : actor.organisationId(), action,
                entityType, entityId, detail, reason);
    }

    /**
     * A staff member's read of personal data (a person, an application, a certificate, a photo …): who, for which
     * organisation, when, what (the entity's id, never the data) and from where. A holder reading their own
     * records is not recorded.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordStaffAccess(CurrentUser reader, String action, String entityType, Object entityId, String detail) {
        if (reader != null && !reader.isHolderOnly()) {
            record(reader, action, entityType, entityId, detail, null);
        }
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public AuditEntry append(String actor, Long organisationId, String action, String entityType, Object entityId,
            String detail, String reason) {
        String prev = audit.lockHeadHash();
        // Whole seconds: MySQL is used with sendFractionalSeconds=false, and the hash must survive storage.
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        AuditEntry unsigned = new AuditEntry(null, now, actor, organisationId, action, entityType,
                entityId == null ? null : entityId.toString(), truncate(detail, 2000), truncate(reason, 1000),
                remoteAddress(), prev, null);
        AuditEntry entry = withHash(unsigned, AuditChain.hash(unsigned));
        GeneratedKey key = new GeneratedKey();
        audit.insert(entry, key);
        audit.updateHead(key.value(), entry.entryHash());
        return entry;
    }

    /** Walks the whole chain: every entry's hash recomputed and linked to its predecessor, and the head matches. */
    @Transactional(readOnly = true)
    public AuditChain.Check verify() {
        return AuditChain.walk(audit.head(), audit::findChainPage);
    }

    private static AuditEntry withHash(AuditEntry e, String hash) {
        return new AuditEntry(e.id(), e.occurredAt(), e.actor(), e.organisationId(), e.action(), e.entityType(),
                e.entityId(), e.detail(), e.reason(), e.remoteAddr(), e.prevHash(), hash);
    }

    private static String remoteAddress() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return request.getRemoteAddr();
        }
        return null;
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
