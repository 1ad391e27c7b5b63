package cn.titlecert.organisation;

import java.util.List;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import cn.titlecert.error.DomainException;
import cn.titlecert.security.CurrentUser;

@RestController
@RequestMapping("/api/organisations")
class OrganisationController {

    private final OrganisationService organisations;

    OrganisationController(OrganisationService organisations) {
        this.organisations = organisations;
    }

    @GetMapping
    List<OrganisationView> visible(@AuthenticationPrincipal CurrentUser user) {
        return organisations.visibleTo(user).stream().map(OrganisationView::of).toList();
    }

    @GetMapping("/{id}")
    OrganisationView one(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        return organisations.visibleTo(user).stream().filter(o -> o.id() == id).findFirst().map(OrganisationView::of)
                .orElseThrow(() -> DomainException.notFound("organisation.not-found"));
    }

    record OrganisationView(long id, String code, String name, OrganisationType type, Long parentId,
            String regionCode) {
        static OrganisationView of(Organisation o) {
            return new OrganisationView(o.id(), o.code(), o.name(), o.type(), o.parentId(), o.regionCode());
        }
    }
}
