package cn.titlecert.application;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.titlecert.certificate.TitleLevel;
import cn.titlecert.error.DomainException;
import cn.titlecert.error.ErrorMessages;
import cn.titlecert.organisation.Organisation;
import cn.titlecert.organisation.OrganisationService;
import cn.titlecert.organisation.OrganisationType;
import cn.titlecert.security.CurrentUser;

/** Applications as pages: the list, one case with its progress and history, a holder's new application, revision. */
@Controller
class ApplicationPageController {

    private final ApplicationService service;
    private final ApplicationQueries queries;
    private final ApplicationRevision revision;
    private final OrganisationService organisations;
    private final ErrorMessages errors;

    ApplicationPageController(ApplicationService service, ApplicationQueries queries, ApplicationRevision revision,
            OrganisationService organisations, ErrorMessages errors) {
        this.service = service;
        this.queries = queries;
        this.revision = revision;
        this.organisations = organisations;
        this.errors = errors;
    }

    @GetMapping("/applications")
    String list(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) ApplicationStatus status,
            @RequestParam(defaultValue = "false") boolean late, Model model) {
        List<ApplicationView> views = queries.list(user, status, null, late, 0, 200).stream().map(queries::view).toList();
        model.addAttribute("applications", views);
        // Where each case waits: the step, and the organisation whose turn it is (for the applicant to follow up).
        model.addAttribute("actors", views.stream().map(ApplicationView::waitingFor)
                .filter(w -> w != null && w.organisationId() != null).map(ApplicationView.WaitingFor::organisationId)
                .distinct().map(organisations::find).flatMap(Optional::stream)
                .collect(Collectors.toMap(Organisation::id, Organisation::name)));
        model.addAttribute("status", status);
        model.addAttribute("late", late);
        model.addAttribute("statuses", ApplicationStatus.values());
        return "applications";
    }

    @GetMapping("/applications/{id}")
    String one(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, Model model) {
        ApplicationView view = queries.view(queries.requireViewed(user, id));
        model.addAttribute("caseView", view);
        model.addAttribute("canRevise", view.status() == ApplicationStatus.RETURNED
                && user.username().equals(view.submittedBy()));
        model.addAttribute("levels", TitleLevel.values());
        return "application";
    }

    @GetMapping("/applications/new")
    String form(@AuthenticationPrincipal CurrentUser user, Model model) {
        if (!user.isHolderOnly()) {
            return "redirect:/applications";
        }
        fillForm(user, model);
        return "application-new";
    }

    @PostMapping("/applications/new")
    String submit(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) AcquisitionPath path,
            @RequestParam(required = false) String series, @RequestParam(required = false) String specialty,
            @RequestParam(required = false) String titleName, @RequestParam(required = false) TitleLevel level,
            @RequestParam(required = false) LocalDate obtainedOn, @RequestParam(required = false) Long reviewBodyId,
            @RequestParam(required = false) String reviewBodyName, Model model, RedirectAttributes redirect) {
        ApplicationRequest request = new ApplicationRequest(path, null, null,
                new ApplicationRequest.TitleData(series, specialty, titleName, level), obtainedOn, null,
                path == AcquisitionPath.EXAM_IN_LIEU ? reviewBodyId : null,
                path == AcquisitionPath.COMMISSIONED_REVIEW ? reviewBodyName : null, null);
        try {
            Application created = service.submit(user, request);
            redirect.addFlashAttribute("message", errors.text("application.submitted"));
            return "redirect:/applications/" + created.id();
        } catch (DomainException e) {
            model.addAttribute("error", errors.text(e.messageKey(), e.args()));
            model.addAttribute("form", request);
            fillForm(user, model);
            return "application-new";
        }
    }

    @PostMapping("/applications/{id}/resubmit")
    String resubmit(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
            @RequestParam(required = false) String series, @RequestParam(required = false) String specialty,
            @RequestParam(required = false) String titleName, @RequestParam(required = false) TitleLevel level,
            @RequestParam(required = false) LocalDate obtainedOn, RedirectAttributes redirect) {
        try {
            revision.resubmit(user, id, new ApplicationRequest(null, null, null,
                    new ApplicationRequest.TitleData(series, specialty, titleName, level), obtainedOn, null, null, null, null));
            redirect.addFlashAttribute("message", errors.text("application.resubmitted"));
        } catch (DomainException e) {
            redirect.addFlashAttribute("error", errors.text(e.messageKey(), e.args()));
        }
        return "redirect:/applications/" + id;
    }

    private void fillForm(CurrentUser user, Model model) {
        List<Organisation> visible = organisations.visibleTo(user);
        model.addAttribute("paths", Stream.of(AcquisitionPath.SELF_APPOINTMENT, AcquisitionPath.EXAM_IN_LIEU,
                AcquisitionPath.COMMISSIONED_REVIEW).toList());
        model.addAttribute("levels", TitleLevel.values());
        model.addAttribute("examAgencies", visible.stream()
                .filter(o -> o.type() == OrganisationType.EXAM_AGENCY && o.active()).toList());
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new ApplicationRequest(AcquisitionPath.SELF_APPOINTMENT, null, null,
                    new ApplicationRequest.TitleData("", "", "", null), null, null, null, null, null));
        }
    }
}
