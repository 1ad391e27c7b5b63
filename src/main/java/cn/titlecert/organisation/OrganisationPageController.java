package cn.titlecert.organisation;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.titlecert.certificate.TitleLevel;
import cn.titlecert.error.DomainException;
import cn.titlecert.error.ErrorMessages;
import cn.titlecert.lifecycle.TitleCatalogue;
import cn.titlecert.security.CurrentUser;

/** The management pages: the tree with search, the form to create or edit, retirement and reactivation, import. */
@Controller
class OrganisationPageController {

    private final OrganisationManagement management;
    private final OrganisationImport imports;
    private final TitleCatalogue catalogue;
    private final ErrorMessages errors;

    OrganisationPageController(OrganisationManagement management, OrganisationImport imports, TitleCatalogue catalogue,
            ErrorMessages errors) {
        this.management = management;
        this.imports = imports;
        this.catalogue = catalogue;
        this.errors = errors;
    }

    /** One line of the indented tree; {@code manageable}: the caller may edit, move, retire it. */
    record Line(Organisation organisation, int depth, boolean manageable) {
    }

    @GetMapping("/organisations")
    String list(@AuthenticationPrincipal CurrentUser user, @RequestParam(name = "q", required = false) String q,
            @RequestParam(name = "type", required = false) OrganisationType type,
            @RequestParam(name = "status", required = false) String status, Model model) {
        Boolean active = "ACTIVE".equals(status) ? Boolean.TRUE : "RETIRED".equals(status) ? Boolean.FALSE : null;
        List<Organisation> found = management.list(user, q, type, active);
        // Indented from the caller's own organisation (an administrator: from the roots).
        int base = user.isAdmin() ? 0 : slashes(user.scopePath()) - 2;
        model.addAttribute("lines", found.stream().map(o -> new Line(o, Math.min(9, Math.max(0, o.depth() - base)),
                user.isAdmin() || !o.treePath().equals(user.scopePath()))).toList());
        model.addAttribute("q", q);
        model.addAttribute("type", type);
        model.addAttribute("status", status);
        model.addAttribute("types", OrganisationType.values());
        return "organisations";
    }

    @GetMapping("/organisations/new")
    String newForm(@AuthenticationPrincipal CurrentUser user, @RequestParam(name = "parentId", required = false) Long parentId,
            Model model) {
        OrganisationManagement.requireManager(user);
        model.addAttribute("form", new OrganisationForm(null, null, null, parentId, null, null, null, List.of(),
                List.of(), null));
        return form(user, null, model);
    }

    @PostMapping("/organisations")
    String create(@AuthenticationPrincipal CurrentUser user, FormFields fields, Model model,
            RedirectAttributes redirect, HttpServletResponse response) {
        OrganisationForm form = fields.form();
        try {
            Organisation created = management.create(user, form);
            redirect.addFlashAttribute("message", errors.text("organisations.created", created.name()));
            return "redirect:/organisations?q=" + java.net.URLEncoder.encode(created.code(),
                    java.nio.charset.StandardCharsets.UTF_8);
        } catch (DomainException e) {
            return refused(user, null, form, e, model, response);
        }
    }

    @GetMapping("/organisations/{id}/edit")
    String editForm(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, Model model) {
        Organisation o = management.manageable(user, id);
        model.addAttribute("form", new OrganisationForm(o.code(), o.name(), o.type().name(), o.parentId(),
                o.regionCode(), o.creditCode(), o.approvalNumber(), o.reviewSeriesList(),
                o.reviewLevelList().stream().map(Enum::name).toList(), null));
        return form(user, o, model);
    }

    @PostMapping("/organisations/{id}")
    String update(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, FormFields fields, Model model,
            RedirectAttributes redirect, HttpServletResponse response) {
        OrganisationForm form = fields.form();
        try {
            Organisation updated = management.update(user, id, form);
            redirect.addFlashAttribute("message", errors.text("organisations.updated", updated.name()));
            return "redirect:/organisations";
        } catch (DomainException e) {
            return refused(user, management.manageable(user, id), form, e, model, response);
        }
    }

    @GetMapping("/organisations/{id}/retirement")
    String confirm(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, Model model) {
        model.addAttribute("organisation", management.manageable(user, id));
        return "organisation-retirement";
    }

    @PostMapping("/organisations/{id}/retirement")
    String retire(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
            @RequestParam(name = "reason", required = false) String reason, Model model, RedirectAttributes redirect,
            HttpServletResponse response) {
        return retirement(user, id, reason, true, model, redirect, response);
    }

    @PostMapping("/organisations/{id}/reactivation")
    String reactivate(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
            @RequestParam(name = "reason", required = false) String reason, Model model, RedirectAttributes redirect,
            HttpServletResponse response) {
        return retirement(user, id, reason, false, model, redirect, response);
    }

    private String retirement(CurrentUser user, long id, String reason, boolean retire, Model model,
            RedirectAttributes redirect, HttpServletResponse response) {
        try {
            Organisation o = retire ? management.retire(user, id, reason) : management.reactivate(user, id, reason);
            redirect.addFlashAttribute("message",
                    errors.text(retire ? "organisations.retired" : "organisations.reactivated", o.name()));
            return "redirect:/organisations";
        } catch (DomainException e) {
            if (e.status() == HttpStatus.FORBIDDEN || e.status() == HttpStatus.NOT_FOUND) {
                throw e;
            }
            response.setStatus(e.status().value());
            model.addAttribute("error", errors.text(e.messageKey(), e.args()));
            model.addAttribute("reason", reason);
            model.addAttribute("organisation", management.manageable(user, id));
            return "organisation-retirement";
        }
    }

    @GetMapping("/organisations/import")
    String importPage(@AuthenticationPrincipal CurrentUser user, Model model) {
        OrganisationManagement.requireManager(user);
        model.addAttribute("maxRows", OrganisationImport.MAX_ROWS);
        return "organisation-import";
    }

    @PostMapping("/organisations/import")
    String upload(@AuthenticationPrincipal CurrentUser user,
            @RequestParam(name = "file", required = false) MultipartFile file, Model model,
            HttpServletResponse response) throws IOException {
        OrganisationManagement.requireManager(user);
        try {
            OrganisationImport.Report report = OrganisationImportController.importFile(imports, user, file);
            model.addAttribute("report", report);
            if ("REJECTED".equals(report.outcome())) {
                response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            }
        } catch (DomainException refused) {
            if (refused.status() == HttpStatus.FORBIDDEN) {
                throw refused;
            }
            response.setStatus(refused.status().value());
            model.addAttribute("error", errors.text(refused.messageKey(), refused.args()));
        }
        return importPage(user, model);
    }

    /** The form's fields as posted (checkbox lists may be absent). */
    record FormFields(String code, String name, String type, Long parentId, String regionCode, String creditCode,
            String approvalNumber, List<String> reviewSeries, List<String> reviewLevels, String reason) {
        OrganisationForm form() {
            return new OrganisationForm(code, name, type, parentId, regionCode, creditCode, approvalNumber,
                    reviewSeries == null ? List.of() : reviewSeries, reviewLevels == null ? List.of() : reviewLevels,
                    reason);
        }
    }

    private String refused(CurrentUser user, Organisation editing, OrganisationForm form, DomainException e,
            Model model, HttpServletResponse response) {
        if (e.status() == HttpStatus.FORBIDDEN) {
            throw e;
        }
        response.setStatus(e.status().value());
        model.addAttribute("error", errors.text(e.messageKey(), e.args()));
        model.addAttribute("form", form);
        return form(user, editing, model);
    }

    private String form(CurrentUser user, Organisation editing, Model model) {
        List<Organisation> parents = management.possibleParents(user).stream()
                .filter(p -> editing == null || !p.treePath().startsWith(editing.treePath())).toList();
        int base = parents.stream().mapToInt(Organisation::depth).min().orElse(0);
        model.addAttribute("editing", editing);
        model.addAttribute("parents", parents.stream().map(p -> new Line(p, Math.min(9, p.depth() - base), true))
                .toList());
        model.addAttribute("rootAllowed", user.isAdmin());
        model.addAttribute("types", OrganisationType.values());
        model.addAttribute("series", catalogue.series());
        model.addAttribute("levels", Arrays.asList(TitleLevel.values()));
        return "organisation-form";
    }

    private static int slashes(String path) {
        return path == null ? 0 : (int) path.chars().filter(c -> c == '/').count();
    }
}
