package cn.titlecert.security;

import java.util.List;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import cn.titlecert.organisation.Organisation;
import cn.titlecert.organisation.OrganisationService;
import cn.titlecert.person.PersonService;

/** {@code GET /api/me}: the caller's own account; a holder also gets their own numbers unmasked. */
@RestController
class MeController {

    private final OrganisationService organisations;
    private final PersonService persons;

    MeController(OrganisationService organisations, PersonService persons) {
        this.organisations = organisations;
        this.persons = persons;
    }

    record Me(String username, String displayName, List<Role> roles, Long organisationId, String organisationName,
            OwnPerson person) {
    }

    record OwnPerson(long id, String name, String idType, String idNumber, String phone) {
    }

    @GetMapping("/api/me")
    Me me(@AuthenticationPrincipal CurrentUser user) {
        String organisationName = user.organisationId() == null ? null
                : organisations.find(user.organisationId()).map(Organisation::name).orElse(null);
        OwnPerson person = null;
        if (user.personId() != null) {
            long id = user.personId();
            var p = persons.find(id).orElseThrow();
            person = new OwnPerson(id, p.name(), p.idType().name(), persons.idNumberOf(id).value(),
                    persons.phoneOf(id).map(n -> n.value()).orElse(null));
        }
        return new Me(user.username(), user.displayName(), user.roles().stream().sorted().toList(),
                user.organisationId(), organisationName, person);
    }
}
