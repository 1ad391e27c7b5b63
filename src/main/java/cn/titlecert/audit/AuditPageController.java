package cn.titlecert.audit;

import java.time.LocalDate;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import cn.titlecert.error.DomainException;
import cn.titlecert.error.ErrorMessages;
import cn.titlecert.organisation.OrganisationService;
import cn.titlecert.security.CurrentUser;

/** The audit page for the bureau and administrators: filter, page through, export, check the chain. */
@Controller
class AuditPageController {

    private static final int PAGE_SIZE = 50;

    private final AuditQueries queries;
    private final OrganisationService organisations;
    private final ErrorMessages errors;

    AuditPageController(AuditQueries queries, OrganisationService organisations, ErrorMessages errors) {
        this.queries = queries;
        this.organisations = organisations;
        this.errors = errors;
    }

    @GetMapping("/audit")
    String page(@AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) String actor, @RequestParam(required = false) Long organisationId,
            @RequestParam(required = false) String action, @RequestParam(required = false) String entityType,
            @RequestParam(required = false) String entityId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "false") boolean verify,
            Model model) {
        AuditQueries.requireReader(user);
        AuditQueries.Criteria criteria = new AuditQueries.Criteria(actor, organisationId, action, entityType, entityId,
                from, to);
        model.addAttribute("criteria", criteria);
        model.addAttribute("organisations", organisations.visibleTo(user));
        try {
            model.addAttribute("result", queries.search(user, criteria, page, PAGE_SIZE));
        } catch (DomainException refused) {
            if (refused.status().is5xxServerError()) {
                throw refused;
            }
            model.addAttribute("error", errors.text(refused.messageKey(), refused.args()));
            model.addAttribute("result", new AuditQueries.Page(java.util.List.of(), 0, 0, PAGE_SIZE));
        }
        if (verify) {
            model.addAttribute("check", queries.verify(user));
        }
        return "audit";
    }
}
