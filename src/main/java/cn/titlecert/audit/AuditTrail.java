package cn.titlecert.audit;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
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
     * organisation, when, what (the entity's id, never the data), why and from where. A holder reading their own
     * records is not recorded. "Why" is the purpose the caller states in the header {@value #PURPOSE_HEADER} (an
     * integrator names its case, percent-encoded as UTF-8, e.g. "职称评审复核 2026-118"); without one, the function used (the request's
     * method and path, e.g. the task page of a review step), which is what the reader was doing.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordStaffAccess(CurrentUser reader, String action, String entityType, Object entityId, String detail) {
        if (reader != null && !reader.isHolderOnly()) {
            record(reader, action, entityType, entityId, detail, accessPurpose());
        }
    }

    /** The header in which a caller may state why it reads personal data (recorded as the entry's reason). */
    public static final String PURPOSE_HEADER = "X-Access-Purpose";

    private static String accessPurpose() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            String stated = request.getHeader(PURPOSE_HEADER);
            if (stated != null && !stated.isBlank()) {
                return truncate(decodePurpose(stated).replaceAll("\\p{Cntrl}", " ").strip(), 200);
            }
            return truncate("via " + request.getMethod() + " " + request.getRequestURI(), 200);
        }
        return null;
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

    /**
     * Header values must be printable ASCII (the server's firewall refuses anything else), so a purpose in Chinese
     * is sent percent-encoded as UTF-8 ({@code encodeURIComponent}); plain ASCII passes as it is.
     */
    private static String decodePurpose(String header) {
        try {
            return URLDecoder.decode(header.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notEncoded) {
            return header;
        }
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
