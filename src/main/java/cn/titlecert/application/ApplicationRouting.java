package cn.titlecert.application;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import cn.titlecert.organisation.Organisation;
import cn.titlecert.organisation.OrganisationMapper;
import cn.titlecert.organisation.OrganisationType;

/**
 * Finds, in the organisation tree, who reviews a case at each tier: the employer, its reporting unit
 * (the nearest supervisory department or archive agency above it), and the issuing bureau (the nearest
 * bureau above it).
 */
@Component
public class ApplicationRouting {

    private final OrganisationMapper organisations;

    public ApplicationRouting(OrganisationMapper organisations) {
        this.organisations = organisations;
    }

    public Optional<Organisation> reportingUnitOf(Organisation employer) {
        return nearestAbove(employer, OrganisationType.SUPERVISORY_DEPARTMENT, OrganisationType.ARCHIVE_AGENCY);
    }

    public Optional<Organisation> bureauOf(Organisation organisation) {
        if (organisation.type() == OrganisationType.BUREAU) {
            return Optional.of(organisation);
        }
        return nearestAbove(organisation, OrganisationType.BUREAU);
    }

    private Optional<Organisation> nearestAbove(Organisation organisation, OrganisationType... types) {
        List<Long> ids = new ArrayList<>(organisation.pathIds());
        ids.remove(organisation.id());
        Collections.reverse(ids);
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        List<Organisation> ancestors = organisations.findByIds(ids);
        for (Long id : ids) {
            for (Organisation o : ancestors) {
                if (o.id().equals(id) && List.of(types).contains(o.type())) {
                    return Optional.of(o);
                }
            }
        }
        return Optional.empty();
    }
}
