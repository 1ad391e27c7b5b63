package cn.titlecert.notification;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

import cn.titlecert.security.OrganisationGroups;

/** Staff addresses, kept on the engine's users (one user list for the product and Camunda Admin). */
@Component
public class Recipients {

    private final IdentityService identity;

    public Recipients(IdentityService identity) {
        this.identity = identity;
    }

    /** The e-mail addresses of an organisation's staff (its {@code org<id>} group). */
    public List<String> emailsOfOrganisation(long organisationId) {
        return identity.createUserQuery().memberOfGroup(OrganisationGroups.of(organisationId)).list().stream()
                .map(User::getEmail).filter(Objects::nonNull).filter(e -> !e.isBlank()).distinct().toList();
    }

    public Optional<String> emailOfUser(String username) {
        User user = username == null ? null : identity.createUserQuery().userId(username).singleResult();
        return Optional.ofNullable(user).map(User::getEmail).filter(e -> !e.isBlank());
    }
}
