package cn.titlecert.organisation;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.titlecert.audit.AuditTrail;
import cn.titlecert.error.DomainException;
import cn.titlecert.persistence.GeneratedKey;
import cn.titlecert.security.CurrentUser;

/** The organisation tree and the one rule of visibility: your organisation and those below it. */
@Service
public class OrganisationService {

    private final OrganisationMapper organisations;
    private final Clock clock;
    private final AuditTrail audit;

    public OrganisationService(OrganisationMapper organisations, Clock clock, AuditTrail audit) {
        this.audit = audit;
        this.organisations = organisations;
        this.clock = clock;
    }

    @Transactional
    public Organisation create(String code, String name, OrganisationType type, Long parentId, String regionCode) {
        if (organisations.findByCode(code).isPresent()) {
            throw DomainException.conflict("organisation.exists", code);
        }
        String parentPath = "/";
        if (parentId != null) {
            parentPath = organisations.findById(parentId).map(Organisation::treePath)
                    .orElseThrow(() -> DomainException.badRequest("organisation.parent-not-found"));
        }
        GeneratedKey key = new GeneratedKey();
        organisations.insert(new Organisation(null, code, name, type, parentId, parentPath, regionCode, null, true,
                clock.instant()), key);
        organisations.updateTreePath(key.value(), parentPath + key.value() + "/");
        audit.append(AuditTrail.SYSTEM, key.value(), "ORGANISATION_CREATED", "organisation", key.value(),
                "code=" + code + ", type=" + type + ", parent=" + parentId, null);
        return organisations.findById(key.value()).orElseThrow();
    }

    public Optional<Organisation> find(long id) {
        return organisations.findById(id);
    }

    /** Several organisations by id in one query; ids that are null or unknown are left out of the map. */
    public Map<Long, Organisation> findAll(Collection<Long> ids) {
        List<Long> wanted = ids.stream().filter(Objects::nonNull).distinct().toList();
        Map<Long, Organisation> found = new LinkedHashMap<>();
        if (!wanted.isEmpty()) {
            organisations.findByIds(wanted).forEach(o -> found.put(o.id(), o));
        }
        return found;
    }

    public Optional<Organisation> findByCode(String code) {
        return organisations.findByCode(code);
    }

    /**
     * What the caller may see. Staff: their organisation and everything below it (an administrator: all).
     * A holder: the chain from their employer up to the bureau, and the committees and exam agencies
     * they may name as review bodies.
     */
    public List<Organisation> visibleTo(CurrentUser user) {
        if (!user.isHolderOnly()) {
            return user.scopePath() == null ? List.of() : organisations.findSubtree(user.scopePath());
        }
        Map<Long, Organisation> visible = new LinkedHashMap<>();
        if (user.organisationId() != null) {
            organisations.findById(user.organisationId()).ifPresent(own ->
                    organisations.findByIds(own.pathIds()).forEach(o -> visible.put(o.id(), o)));
        }
        organisations.findByTypes(List.of(OrganisationType.COMMITTEE, OrganisationType.EXAM_AGENCY))
                .forEach(o -> visible.putIfAbsent(o.id(), o));
        return new ArrayList<>(visible.values());
    }

    /** Whether a staff member may act on data belonging to this organisation. */
    public boolean isInScope(CurrentUser user, long organisationId) {
        return organisations.findById(organisationId).map(o -> user.covers(o.treePath())).orElse(false);
    }

    /** Refuses with 404 rather than 403, so the existence of others' data is not revealed. */
    public Organisation requireInScope(CurrentUser user, long organisationId) {
        return organisations.findById(organisationId).filter(o -> user.covers(o.treePath()))
                .orElseThrow(() -> DomainException.notFound("organisation.not-found"));
    }
}
