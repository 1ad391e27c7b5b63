package cn.titlecert.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

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

    @Transactional(propagation = Propagation.MANDATORY)
    public AuditEntry append(String actor, Long organisationId, String action, String entityType, Object entityId,
            String detail, String reason) {
        String prev = audit.lockHeadHash();
        // Whole seconds: MySQL is used with sendFractionalSeconds=false, and the hash must survive storage.
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        AuditEntry unsigned = new AuditEntry(null, now, actor, organisationId, action, entityType,
                entityId == null ? null : entityId.toString(), truncate(detail, 2000), truncate(reason, 1000),
                remoteAddress(), prev, null);
        AuditEntry entry = withHash(unsigned, hash(unsigned));
        GeneratedKey key = new GeneratedKey();
        audit.insert(entry, key);
        audit.updateHead(key.value(), entry.entryHash());
        return entry;
    }

    /** Walks the whole chain: every entry's hash recomputed and linked to its predecessor, and the head matches. */
    @Transactional(readOnly = true)
    public ChainCheck verify() {
        String expectedPrev = "0".repeat(64);
        long lastId = 0;
        long count = 0;
        while (true) {
            List<AuditEntry> page = audit.findAfter(lastId, 1000);
            if (page.isEmpty()) {
                break;
            }
            for (AuditEntry e : page) {
                if (!e.prevHash().equals(expectedPrev) || !e.entryHash().equals(hash(e))) {
                    return new ChainCheck(false, count, e.id());
                }
                expectedPrev = e.entryHash();
                lastId = e.id();
                count++;
            }
        }
        boolean headMatches = Objects.equals(audit.headHash(), expectedPrev);
        return new ChainCheck(headMatches, count, headMatches ? null : lastId);
    }

    public record ChainCheck(boolean intact, long entries, Long firstBrokenEntryId) {
    }

    static String hash(AuditEntry e) {
        String canonical = String.join("\u001f", e.prevHash(), String.valueOf(e.occurredAt().getEpochSecond()),
                e.actor(), String.valueOf(e.organisationId()), e.action(), String.valueOf(e.entityType()),
                String.valueOf(e.entityId()), String.valueOf(e.detail()), String.valueOf(e.reason()),
                String.valueOf(e.remoteAddr()));
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e1) {
            throw new IllegalStateException(e1);
        }
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
