package cn.titlecert.audit;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.titlecert.error.DomainException;
import cn.titlecert.organisation.Organisation;
import cn.titlecert.organisation.OrganisationService;
import cn.titlecert.security.CurrentUser;
import cn.titlecert.security.Role;

/**
 * Reading the audit trail (R20): the issuing bureau sees the entries written for its part of the organisation
 * tree, an administrator all of them (system entries included); nobody else reads it.
 */
@Service
public class AuditQueries {

    /** Days in the filter are calendar days in China, where the bureaus work. */
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    static final int MAX_PAGE_SIZE = 500;
    /** An export larger than this asks for a narrower filter (it is built in memory). */
    public static final int MAX_EXPORT_ROWS = 100_000;

    private final AuditMapper audit;
    private final AuditTrail trail;
    private final OrganisationService organisations;

    public AuditQueries(AuditMapper audit, AuditTrail trail, OrganisationService organisations) {
        this.audit = audit;
        this.trail = trail;
        this.organisations = organisations;
    }

    /** What the user typed in the filter; blanks mean "any". {@code to} is inclusive. */
    public record Criteria(String actor, Long organisationId, String action, String entityType, String entityId,
            LocalDate from, LocalDate to) {

        public static Criteria none() {
            return new Criteria(null, null, null, null, null, null, null);
        }
    }

    /** One entry as staff read it, with the organisation's name. */
    public record EntryView(long id, java.time.Instant occurredAt, String actor, Long organisationId,
            String organisationName, String action, String entityType, String entityId, String detail, String reason,
            String remoteAddr, String entryHash) {
    }

    public record Page(List<EntryView> entries, long total, int page, int size) {

        public int pages() {
            return (int) Math.max(1, (total + size - 1) / size);
        }
    }

    public static void requireReader(CurrentUser user) {
        if (user == null || !(user.has(Role.BUREAU) || user.isAdmin())) {
            throw DomainException.forbidden("forbidden");
        }
    }

    @Transactional(readOnly = true)
    public Page search(CurrentUser user, Criteria criteria, int page, int size) {
        AuditFilter filter = filter(user, criteria);
        int limit = Math.max(1, Math.min(size, MAX_PAGE_SIZE));
        int offset = Math.max(0, page) * limit;
        Function<AuditEntry, EntryView> view = viewer(user);
        List<EntryView> entries = audit.search(filter, limit, offset).stream().map(view).toList();
        return new Page(entries, audit.count(filter), Math.max(0, page), limit);
    }

    /**
     * Hands every selected entry, oldest first, to {@code sink}, one page in memory at a time; the export is
     * itself an audited act.
     */
    @Transactional
    public long export(CurrentUser user, Criteria criteria, String format, Consumer<EntryView> sink) {
        AuditFilter filter = filter(user, criteria);
        long total = audit.count(filter);
        if (total > MAX_EXPORT_ROWS) {
            throw DomainException.badRequest("audit.export-too-large", total, MAX_EXPORT_ROWS);
        }
        Function<AuditEntry, EntryView> view = viewer(user);
        long after = 0;
        long written = 0;
        while (true) {
            List<AuditEntry> page = audit.searchAfter(filter, after, AuditChain.PAGE_SIZE);
            if (page.isEmpty()) {
                break;
            }
            for (AuditEntry e : page) {
                sink.accept(view.apply(e));
                after = e.id();
                written++;
            }
        }
        trail.record(user, "AUDIT_EXPORTED", "audit_log", null, "format=" + format + ", rows=" + written + ", "
                + describe(criteria), null);
        return written;
    }

    @Transactional(readOnly = true)
    public AuditChain.Check verify(CurrentUser user) {
        requireReader(user);
        return trail.verify();
    }

    AuditFilter filter(CurrentUser user, Criteria c) {
        requireReader(user);
        if (c.from() != null && c.to() != null && c.from().isAfter(c.to())) {
            throw DomainException.badRequest("audit.date-range");
        }
        String organisationPath = c.organisationId() == null ? null
                : organisations.requireInScope(user, c.organisationId()).treePath();
        return new AuditFilter(blankToNull(c.actor()), organisationPath, blankToNull(c.action()),
                blankToNull(c.entityType()), blankToNull(c.entityId()),
                c.from() == null ? null : c.from().atStartOfDay(CHINA).toInstant(),
                c.to() == null ? null : c.to().plusDays(1).atStartOfDay(CHINA).toInstant(),
                user.isAdmin() ? null : user.scopePath());
    }

    private Function<AuditEntry, EntryView> viewer(CurrentUser user) {
        Map<Long, String> names = organisations.visibleTo(user).stream()
                .collect(Collectors.toMap(Organisation::id, Organisation::name, (a, b) -> a));
        return e -> new EntryView(e.id(), e.occurredAt(), e.actor(), e.organisationId(),
                e.organisationId() == null ? null : names.get(e.organisationId()), e.action(), e.entityType(),
                e.entityId(), e.detail(), e.reason(), e.remoteAddr(), e.entryHash());
    }

    private static String describe(Criteria c) {
        return "actor=" + c.actor() + ", organisation=" + c.organisationId() + ", action=" + c.action() + ", entity="
                + c.entityType() + "/" + c.entityId() + ", from=" + c.from() + ", to=" + c.to();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
