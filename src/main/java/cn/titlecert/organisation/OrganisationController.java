package cn.titlecert.organisation;

import java.time.Instant;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import cn.titlecert.certificate.TitleLevel;
import cn.titlecert.error.DomainException;
import cn.titlecert.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/organisations")
@Tag(name = "organisations", description = "The organisation tree: reading it (any logged-in user, within their scope) "
        + "and managing it (administrators everywhere; a bureau's staff below their own bureau).")
class OrganisationController {

    private final OrganisationService organisations;
    private final OrganisationManagement management;

    OrganisationController(OrganisationService organisations, OrganisationManagement management) {
        this.organisations = organisations;
        this.management = management;
    }

    @GetMapping
    @Operation(summary = "Organisations visible to the caller",
            description = "Staff: their organisation and everything below it; holders: their chain and the review "
                    + "bodies. Retired organisations are listed with status RETIRED unless status=ACTIVE is asked for.")
    List<OrganisationView> visible(@AuthenticationPrincipal CurrentUser user,
            @Parameter(description = "ACTIVE or RETIRED; both when absent")
            @RequestParam(name = "status", required = false) Status status) {
        return organisations.visibleTo(user).stream().filter(o -> status == null || Status.of(o) == status)
                .map(OrganisationView::of).toList();
    }

    @GetMapping("/{id}")
    @Operation(summary = "One organisation visible to the caller", responses = @ApiResponse(responseCode = "404",
            description = "unknown or outside the caller's scope"))
    OrganisationView one(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        return organisations.visibleTo(user).stream().filter(o -> o.id() == id).findFirst().map(OrganisationView::of)
                .orElseThrow(() -> DomainException.notFound("organisation.not-found"));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create an organisation",
            description = "Administrators anywhere (a bureau also at the root); a bureau's staff under their bureau or "
                    + "below. The type must fit the parent's (e.g. an employer under a supervisory department, archive "
                    + "agency or bureau); a committee needs its approval-and-filing number and the series and levels "
                    + "it may review.",
            responses = {@ApiResponse(responseCode = "201", description = "created, as GET shows it"),
                    @ApiResponse(responseCode = "400", description = "invalid field, bad type or placement"),
                    @ApiResponse(responseCode = "403", description = "the caller does not manage organisations"),
                    @ApiResponse(responseCode = "404", description = "parent unknown or outside the caller's scope"),
                    @ApiResponse(responseCode = "409", description = "code already used, or the parent is retired")})
    OrganisationView create(@AuthenticationPrincipal CurrentUser user, @RequestBody OrganisationForm form) {
        return OrganisationView.of(management.create(user, form));
    }

    @PutMapping("/{id}")
    @Operation(summary = "Edit or move an organisation",
            description = "All fields as in POST. A different parentId moves the organisation with everything below "
                    + "it (never under itself or one of its descendants); their scope follows at once.",
            responses = {@ApiResponse(responseCode = "400", description = "invalid field, placement, or a move below itself"),
                    @ApiResponse(responseCode = "403", description = "not a manager, or the caller's own bureau"),
                    @ApiResponse(responseCode = "404", description = "organisation or parent outside the caller's scope"),
                    @ApiResponse(responseCode = "409", description = "code already used, or the new parent is retired")})
    OrganisationView update(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
            @RequestBody OrganisationForm form) {
        return OrganisationView.of(management.update(user, id, form));
    }

    @PostMapping("/{id}/retirement")
    @Operation(summary = "Retire an organisation",
            description = "Needs a reason. Its applications, certificates and audit entries stay linked; it is no "
                    + "longer offered as a choice and takes no new applications, staff or children. Refused while it "
                    + "has active children.",
            responses = {@ApiResponse(responseCode = "400", description = "no reason"),
                    @ApiResponse(responseCode = "409", description = "already retired, or active children")})
    OrganisationView retire(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
            @RequestBody(required = false) ReasonRequest request) {
        return OrganisationView.of(management.retire(user, id, request == null ? null : request.reason()));
    }

    @DeleteMapping("/{id}/retirement")
    @Operation(summary = "Reactivate a retired organisation",
            description = "Ends the retirement (a reason may be given as the query parameter reason); refused while "
                    + "its parent is retired.",
            responses = @ApiResponse(responseCode = "409", description = "not retired, or its parent is retired"))
    OrganisationView reactivate(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
            @RequestParam(name = "reason", required = false) String reason) {
        return OrganisationView.of(management.reactivate(user, id, reason));
    }

    record ReasonRequest(String reason) {
    }

    enum Status {
        ACTIVE, RETIRED;

        static Status of(Organisation o) {
            return o.active() ? ACTIVE : RETIRED;
        }
    }

    record OrganisationView(long id, String code, String name, OrganisationType type, Long parentId,
            String regionCode, String creditCode, Status status, boolean retired, Instant retiredAt,
            String retiredReason, String approvalNumber, List<String> reviewSeries, List<TitleLevel> reviewLevels) {
        static OrganisationView of(Organisation o) {
            return new OrganisationView(o.id(), o.code(), o.name(), o.type(), o.parentId(), o.regionCode(),
                    o.creditCode(), Status.of(o), o.retired(), o.retiredAt(), o.retiredReason(), o.approvalNumber(),
                    o.reviewSeriesList(), o.reviewLevelList());
        }
    }
}
