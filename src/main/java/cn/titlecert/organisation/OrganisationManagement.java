package cn.titlecert.organisation;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.titlecert.audit.AuditTrail;
import cn.titlecert.certificate.TitleLevel;
import cn.titlecert.error.DomainException;
import cn.titlecert.lifecycle.TitleCatalogue;
import cn.titlecert.persistence.GeneratedKey;
import cn.titlecert.security.CurrentUser;
import cn.titlecert.security.Role;

/**
 * Creating, editing, moving, retiring and reactivating organisations. An administrator manages the whole tree; a
 * bureau's staff manage what lies below their bureau (never the bureau itself or anything above it). The placement
 * rules of {@link OrganisationType} always hold, a retired organisation takes no new children, and an organisation
 * with active children is not retired. Every change is audited in the same transaction.
 */
@Service
public class OrganisationManagement {

    static final int MAX_PATH = 500;
    static final int LIST_LIMIT = 2000;
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern REGION = Pattern.compile("\\d{6}");
    private static final Pattern CREDIT_CODE = Pattern.compile("[0-9A-HJ-NPQRTUWXY]{18}");

    private final OrganisationMapper organisations;
    private final TitleCatalogue catalogue;
    private final AuditTrail audit;
    private final Clock clock;

    public OrganisationManagement(OrganisationMapper organisations, TitleCatalogue catalogue, AuditTrail audit,
            Clock clock) {
        this.organisations = organisations;
        this.catalogue = catalogue;
        this.audit = audit;
        this.clock = clock;
    }

    /** A form's fields checked and normalised. */
    record Checked(String code, String name, OrganisationType type, Long parentId, String regionCode,
            String creditCode, String approvalNumber, String reviewSeries, String reviewLevels, String reason) {
    }

    /** Whether this user manages organisations at all (the pages show the link only then). */
    public static boolean manages(CurrentUser user) {
        return user != null && !user.isHolderOnly() && user.scopePath() != null
                && (user.isAdmin() || user.has(Role.BUREAU));
    }

    static void requireManager(CurrentUser user) {
        if (!manages(user)) {
            throw DomainException.forbidden("organisation.manage-forbidden");
        }
    }

    /** The management list: the caller's subtree, searched by code or name, type and status. */
    @Transactional(readOnly = true)
    public List<Organisation> list(CurrentUser user, String text, OrganisationType type, Boolean active) {
        requireManager(user);
        String search = text == null || text.isBlank() ? null : text.strip();
        return organisations.searchSubtree(user.scopePath(), search, type, active, LIST_LIMIT);
    }

    /** The organisations a new or moved one may hang under: active, in the caller's scope, that may have children. */
    @Transactional(readOnly = true)
    public List<Organisation> possibleParents(CurrentUser user) {
        requireManager(user);
        return organisations.findSubtree(user.scopePath()).stream().filter(Organisation::active)
                .filter(o -> Stream.of(OrganisationType.values()).anyMatch(t -> t.allowedParents().contains(o.type())))
                .toList();
    }

    /** One organisation the caller may change (in scope, below a bureau's own). */
    @Transactional(readOnly = true)
    public Organisation manageable(CurrentUser user, long id) {
        requireManager(user);
        return requireManageable(user, id);
    }

    @Transactional
    public Organisation create(CurrentUser user, OrganisationForm form) {
        requireManager(user);
        Checked c = check(form);
        if (c.parentId() != null) {
            organisations.lockForUpdate(List.of(c.parentId()));
        }
        Organisation parent = parentFor(user, c.parentId());
        place(c.type(), parent);
        return insert(user, c, parent, null);
    }

    /** Stores a checked organisation under {@code parent} (locked by the caller); {@code context}: for the audit. */
    Organisation insert(CurrentUser user, Checked c, Organisation parent, String context) {
        if (organisations.findByCode(c.code()).isPresent()) {
            throw DomainException.conflict("organisation.exists", c.code());
        }
        String parentPath = parent == null ? "/" : parent.treePath();
        GeneratedKey key = new GeneratedKey();
        try {
            organisations.insert(new Organisation(null, c.code(), c.name(), c.type(), c.parentId(), parentPath,
                    c.regionCode(), c.creditCode(), true, clock.instant(), c.approvalNumber(), c.reviewSeries(),
                    c.reviewLevels(), null, null), key);
        } catch (DuplicateKeyException raced) {
            throw DomainException.conflict("organisation.exists", c.code());
        }
        String path = parentPath + key.value() + "/";
        if (path.length() > MAX_PATH) {
            throw DomainException.badRequest("organisation.too-deep");
        }
        organisations.updateTreePath(key.value(), path);
        audit.record(user, "ORGANISATION_CREATED", "organisation", key.value(),
                "code=" + c.code() + ", type=" + c.type() + ", parent=" + c.parentId() + details(c)
                        + (context == null ? "" : ", " + context), c.reason());
        return organisations.findById(key.value()).orElseThrow();
    }

    /**
     * Edits the fields and, when {@code parentId} differs, moves the organisation with everything below it (their
     * paths follow in the same statement, so scope follows at once).
     */
    @Transactional
    public Organisation update(CurrentUser user, long id, OrganisationForm form) {
        requireManager(user);
        Checked c = check(form);
        organisations.lockForUpdate(Stream.of(id, c.parentId()).filter(Objects::nonNull).distinct().toList());
        Organisation current = requireManageable(user, id);
        boolean move = !Objects.equals(c.parentId(), current.parentId());
        Organisation parent;
        if (move) {
            parent = parentFor(user, c.parentId());
            if (parent != null && parent.treePath().startsWith(current.treePath())) {
                throw DomainException.badRequest("organisation.move-below-itself");
            }
        } else {
            parent = current.parentId() == null ? null : organisations.findById(current.parentId()).orElseThrow();
        }
        if (move || c.type() != current.type()) {
            place(c.type(), parent);
        }
        if (c.type() != current.type()) {
            for (Organisation child : organisations.findSubtree(current.treePath())) {
                if (Objects.equals(child.parentId(), current.id()) && !child.type().mayHang(c.type())) {
                    throw DomainException.badRequest("organisation.children-do-not-fit", child.code());
                }
            }
        }
        if (!c.code().equals(current.code()) && organisations.findByCode(c.code()).isPresent()) {
            throw DomainException.conflict("organisation.exists", c.code());
        }
        List<String> changes = changes(current, c);
        try {
            organisations.updateDetails(new Organisation(current.id(), c.code(), c.name(), c.type(), current.parentId(),
                    current.treePath(), c.regionCode(), c.creditCode(), current.active(), current.createdAt(),
                    c.approvalNumber(), c.reviewSeries(), c.reviewLevels(), current.retiredAt(),
                    current.retiredReason()));
        } catch (DuplicateKeyException raced) {
            throw DomainException.conflict("organisation.exists", c.code());
        }
        if (move) {
            String newPath = (parent == null ? "/" : parent.treePath()) + current.id() + "/";
            int deepest = organisations.findSubtree(current.treePath()).stream().mapToInt(o -> o.treePath().length())
                    .max().orElse(current.treePath().length());
            if (deepest - current.treePath().length() + newPath.length() > MAX_PATH) {
                throw DomainException.badRequest("organisation.too-deep");
            }
            int rows = organisations.moveSubtree(current.id(), c.parentId(), current.treePath(),
                    current.treePath().length(), newPath);
            changes.add("parent: " + current.parentId() + " -> " + c.parentId() + " (" + rows + " organisations, path "
                    + current.treePath() + " -> " + newPath + ")");
            audit.record(user, "ORGANISATION_MOVED", "organisation", current.id(), String.join("; ", changes),
                    c.reason());
        } else {
            audit.record(user, "ORGANISATION_UPDATED", "organisation", current.id(),
                    changes.isEmpty() ? "no change" : String.join("; ", changes), c.reason());
        }
        return organisations.findById(current.id()).orElseThrow();
    }

    @Transactional
    public Organisation retire(CurrentUser user, long id, String reason) {
        requireManager(user);
        String why = requireReason(reason);
        organisations.lockForUpdate(List.of(id));
        Organisation current = requireManageable(user, id);
        if (current.retired()) {
            throw DomainException.conflict("organisation.already-retired");
        }
        long children = organisations.countActiveChildren(id);
        if (children > 0) {
            throw DomainException.conflict("organisation.has-active-children", children);
        }
        organisations.retire(id, clock.instant(), why);
        audit.record(user, "ORGANISATION_RETIRED", "organisation", id, "code=" + current.code(), why);
        return organisations.findById(id).orElseThrow();
    }

    @Transactional
    public Organisation reactivate(CurrentUser user, long id, String reason) {
        requireManager(user);
        Organisation before = requireManageable(user, id);
        organisations.lockForUpdate(Stream.of(id, before.parentId()).filter(Objects::nonNull).distinct().toList());
        Organisation current = requireManageable(user, id);
        if (!current.retired()) {
            throw DomainException.conflict("organisation.not-retired");
        }
        if (current.parentId() != null
                && organisations.findById(current.parentId()).map(Organisation::retired).orElse(false)) {
            throw DomainException.conflict("organisation.parent-retired");
        }
        organisations.reactivate(id);
        audit.record(user, "ORGANISATION_REACTIVATED", "organisation", id,
                "code=" + current.code() + ", retired " + current.retiredAt() + " for: " + current.retiredReason(),
                reason == null || reason.isBlank() ? null : reason.strip());
        return organisations.findById(id).orElseThrow();
    }

    /** In scope, and for a bureau's staff strictly below their own bureau. Out of scope: 404, as for reads. */
    private Organisation requireManageable(CurrentUser user, long id) {
        Organisation o = organisations.findById(id).filter(x -> user.covers(x.treePath()))
                .orElseThrow(() -> DomainException.notFound("organisation.not-found"));
        if (!user.isAdmin() && o.treePath().equals(user.scopePath())) {
            throw DomainException.forbidden("organisation.own-not-manageable");
        }
        return o;
    }

    /**
     * The parent named by a form: null (a root: administrators only) or an active organisation in scope (a bureau's
     * own included). Unknown and out of scope alike: 404.
     */
    Organisation parentFor(CurrentUser user, Long parentId) {
        if (parentId == null) {
            if (!user.isAdmin()) {
                throw DomainException.badRequest("organisation.parent-required");
            }
            return null;
        }
        Organisation parent = organisations.findById(parentId).filter(p -> user.covers(p.treePath()))
                .orElseThrow(() -> DomainException.notFound("organisation.parent-not-found"));
        if (parent.retired()) {
            throw DomainException.conflict("organisation.parent-retired");
        }
        return parent;
    }

    /** The placement rules of the tree. */
    static void place(OrganisationType type, Organisation parent) {
        if (parent == null) {
            if (!type.mayBeRoot()) {
                throw DomainException.badRequest("organisation.root-type", label(type));
            }
            return;
        }
        if (!type.mayHang(parent.type())) {
            throw DomainException.badRequest("organisation.placement", label(type), label(parent.type()));
        }
    }

    /** A type's name in the caller's language, resolved when the message is. */
    static org.springframework.context.MessageSourceResolvable label(OrganisationType type) {
        return new org.springframework.context.support.DefaultMessageSourceResolvable(
                new String[] {"organisation.type." + type.name()}, type.name());
    }

    /** The checks of one form that need no database, in the order a person fills it in. */
    Checked check(OrganisationForm form) {
        if (form == null) {
            throw DomainException.badRequest("organisation.name-required");
        }
        String code = trim(form.code());
        if (code == null || !CODE.matcher(code).matches()) {
            throw DomainException.badRequest("organisation.code-invalid");
        }
        String name = trim(form.name());
        if (name == null || name.length() > 200) {
            throw DomainException.badRequest("organisation.name-required");
        }
        OrganisationType type = parseType(form.type());
        String region = trim(form.regionCode());
        if (region != null && !REGION.matcher(region).matches()) {
            throw DomainException.badRequest("organisation.region-invalid");
        }
        String credit = trim(form.creditCode());
        if (credit != null) {
            credit = credit.toUpperCase(java.util.Locale.ROOT);
            if (!CREDIT_CODE.matcher(credit).matches()) {
                throw DomainException.badRequest("organisation.credit-code-invalid");
            }
        }
        String approval = null;
        String series = null;
        String levels = null;
        if (type == OrganisationType.COMMITTEE) {
            approval = trim(form.approvalNumber());
            if (approval == null || approval.length() > 100) {
                throw DomainException.badRequest("organisation.approval-number-required");
            }
            Set<String> s = new LinkedHashSet<>();
            for (String one : Optional.ofNullable(form.reviewSeries()).orElse(List.of())) {
                String t = trim(one);
                if (t != null) {
                    if (!catalogue.knowsSeries(t)) {
                        throw DomainException.badRequest("organisation.unknown-series", t);
                    }
                    s.add(t);
                }
            }
            if (s.isEmpty()) {
                throw DomainException.badRequest("organisation.review-series-required");
            }
            Set<TitleLevel> l = new java.util.TreeSet<>(Comparator.naturalOrder());
            for (String one : Optional.ofNullable(form.reviewLevels()).orElse(List.of())) {
                String t = trim(one);
                if (t != null) {
                    l.add(parseLevel(t));
                }
            }
            if (l.isEmpty()) {
                throw DomainException.badRequest("organisation.review-levels-required");
            }
            series = String.join(",", s);
            levels = String.join(",", l.stream().map(Enum::name).toList());
            if (series.length() > 1000) {
                throw DomainException.badRequest("organisation.review-series-required");
            }
        }
        String reason = trim(form.reason());
        if (reason != null && reason.length() > 500) {
            throw DomainException.badRequest("organisation.reason-too-long");
        }
        return new Checked(code, name, type, form.parentId(), region, credit, approval, series, levels, reason);
    }

    static OrganisationType parseType(String value) {
        String t = trim(value);
        if (t == null) {
            throw DomainException.badRequest("organisation.type-required");
        }
        try {
            return OrganisationType.valueOf(t.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw DomainException.badRequest("organisation.type-unknown", t);
        }
    }

    static TitleLevel parseLevel(String value) {
        try {
            return TitleLevel.valueOf(value.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw DomainException.badRequest("organisation.level-unknown", value);
        }
    }

    private static String requireReason(String reason) {
        String r = trim(reason);
        if (r == null) {
            throw DomainException.badRequest("organisation.reason-required");
        }
        if (r.length() > 500) {
            throw DomainException.badRequest("organisation.reason-too-long");
        }
        return r;
    }

    private static String details(Checked c) {
        return c.type() == OrganisationType.COMMITTEE
                ? ", approvalNumber=" + c.approvalNumber() + ", series=" + c.reviewSeries() + ", levels=" + c.reviewLevels()
                : "";
    }

    private static List<String> changes(Organisation o, Checked c) {
        List<String> changes = new ArrayList<>();
        change(changes, "code", o.code(), c.code());
        change(changes, "name", o.name(), c.name());
        change(changes, "type", o.type().name(), c.type().name());
        change(changes, "regionCode", o.regionCode(), c.regionCode());
        change(changes, "creditCode", o.creditCode(), c.creditCode());
        change(changes, "approvalNumber", o.approvalNumber(), c.approvalNumber());
        change(changes, "reviewSeries", o.reviewSeries(), c.reviewSeries());
        change(changes, "reviewLevels", o.reviewLevels(), c.reviewLevels());
        return changes;
    }

    private static void change(List<String> changes, String field, String before, String after) {
        if (!Objects.equals(before, after)) {
            changes.add(field + ": " + before + " -> " + after);
        }
    }

    static String trim(String value) {
        if (value == null) {
            return null;
        }
        String t = value.strip();
        return t.isEmpty() ? null : t;
    }
}
