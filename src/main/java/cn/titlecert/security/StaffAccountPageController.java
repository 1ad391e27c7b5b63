package cn.titlecert.security;

import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.titlecert.error.DomainException;
import cn.titlecert.error.ErrorMessages;
import cn.titlecert.organisation.Organisation;
import cn.titlecert.organisation.OrganisationService;

/**
 * The staff-account pages over {@link StaffAccounts}, which decides who may do what. A temporary password is
 * rendered in the answer to the POST that made it (never a redirect, URL or flash) and is not to be cached.
 */
@Controller
class StaffAccountPageController {

    static final int PAGE_SIZE = 50;

    private final StaffAccounts accounts;
    private final OrganisationService organisations;
    private final ErrorMessages errors;

    StaffAccountPageController(StaffAccounts accounts, OrganisationService organisations, ErrorMessages errors) {
        this.accounts = accounts;
        this.organisations = organisations;
        this.errors = errors;
    }

    /** One row of the list: the account and its organisation's name. */
    record Row(StaffAccounts.StaffAccount account, String organisationName, List<Role> roles) {
    }

    /** The form's fields as posted (no role ticked: absent). */
    record FormFields(String username, String displayName, String email, List<Role> roles, Long organisationId) {
        StaffAccounts.Changes changes() {
            return new StaffAccounts.Changes(displayName, email, roles == null ? Set.of() : EnumSet.copyOf(roles),
                    organisationId);
        }

        static FormFields of(StaffAccounts.StaffAccount a) {
            return new FormFields(a.username(), a.displayName(), a.email(), List.copyOf(a.roles()), a.organisationId());
        }
    }

    @GetMapping("/staff-accounts")
    String list(@AuthenticationPrincipal CurrentUser user, @RequestParam(name = "page", defaultValue = "0") int page,
            Model model) {
        int current = Math.max(page, 0);
        List<StaffAccounts.StaffAccount> found = accounts.list(user, current, PAGE_SIZE);
        Map<Long, Organisation> names = organisations.findAll(found.stream().map(StaffAccounts.StaffAccount::organisationId)
                .collect(Collectors.toSet()));
        model.addAttribute("rows", found.stream().map(a -> new Row(a, java.util.Optional.ofNullable(
                names.get(a.organisationId())).map(Organisation::name).orElse("—"), sorted(a.roles()))).toList());
        model.addAttribute("page", current);
        // Administrators are left out of a bureau's pages after paging, so a short page does not mean the last one.
        model.addAttribute("hasNext", !accounts.list(user, current + 1, PAGE_SIZE).isEmpty());
        return "staff-accounts";
    }

    @GetMapping("/staff-accounts/new")
    String newForm(@AuthenticationPrincipal CurrentUser user, Model model) {
        model.addAttribute("form", new FormFields(null, null, null, List.of(), null));
        return form(user, null, model);
    }

    @PostMapping("/staff-accounts")
    String create(@AuthenticationPrincipal CurrentUser user, FormFields form, Model model,
            HttpServletResponse response) {
        try {
            return issued(accounts.create(user, form.username(), form.changes()), true, model, response);
        } catch (DomainException e) {
            return refused(user, null, form, e, model, response);
        }
    }

    @GetMapping("/staff-accounts/{username}")
    String detail(@AuthenticationPrincipal CurrentUser user, @PathVariable String username, Model model) {
        StaffAccounts.StaffAccount account = accounts.one(user, username);
        model.addAttribute("form", FormFields.of(account));
        return form(user, account, model);
    }

    @PostMapping("/staff-accounts/{username}")
    String update(@AuthenticationPrincipal CurrentUser user, @PathVariable String username, FormFields form,
            Model model, RedirectAttributes redirect, HttpServletResponse response) {
        try {
            StaffAccounts.StaffAccount saved = accounts.update(user, username, form.changes());
            redirect.addFlashAttribute("message", errors.text("staffAccounts.updated", saved.username()));
            return "redirect:/staff-accounts/" + saved.username();
        } catch (DomainException e) {
            return refused(user, accounts.one(user, username), form, e, model, response);
        }
    }

    @GetMapping("/staff-accounts/{username}/disabling")
    String confirmDisabling(@AuthenticationPrincipal CurrentUser user, @PathVariable String username, Model model) {
        model.addAttribute("account", accounts.one(user, username));
        return "staff-account-disabling";
    }

    @PostMapping("/staff-accounts/{username}/disabling")
    String disable(@AuthenticationPrincipal CurrentUser user, @PathVariable String username,
            @RequestParam(name = "reason", required = false) String reason, Model model, RedirectAttributes redirect,
            HttpServletResponse response) {
        try {
            StaffAccounts.StaffAccount done = accounts.setEnabled(user, username, false, reason);
            redirect.addFlashAttribute("message", errors.text("staffAccounts.disabled", done.username()));
            return "redirect:/staff-accounts/" + done.username();
        } catch (DomainException e) {
            rethrowUnlessReadable(e);
            response.setStatus(e.status().value());
            model.addAttribute("error", words(e));
            model.addAttribute("reason", reason);
            model.addAttribute("account", accounts.one(user, username));
            return "staff-account-disabling";
        }
    }

    @PostMapping("/staff-accounts/{username}/enabling")
    String enable(@AuthenticationPrincipal CurrentUser user, @PathVariable String username,
            RedirectAttributes redirect) {
        StaffAccounts.StaffAccount done = accounts.setEnabled(user, username, true, null);
        redirect.addFlashAttribute("message", errors.text("staffAccounts.enabled", done.username()));
        return "redirect:/staff-accounts/" + done.username();
    }

    @GetMapping("/staff-accounts/{username}/password-reset")
    String confirmReset(@AuthenticationPrincipal CurrentUser user, @PathVariable String username, Model model) {
        model.addAttribute("account", accounts.one(user, username));
        return "staff-account-reset";
    }

    @PostMapping("/staff-accounts/{username}/password-reset")
    String reset(@AuthenticationPrincipal CurrentUser user, @PathVariable String username, Model model,
            HttpServletResponse response) {
        return issued(accounts.resetPassword(user, username), false, model, response);
    }

    private String issued(StaffAccounts.Issued issued, boolean created, Model model, HttpServletResponse response) {
        response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
        response.setHeader(HttpHeaders.PRAGMA, "no-cache");
        model.addAttribute("issued", issued);
        model.addAttribute("created", created);
        return "staff-account-issued";
    }

    private String refused(CurrentUser user, StaffAccounts.StaffAccount editing, FormFields form, DomainException e,
            Model model, HttpServletResponse response) {
        rethrowUnlessReadable(e);
        response.setStatus(e.status().value());
        model.addAttribute("error", words(e));
        model.addAttribute("form", form);
        return form(user, editing, model);
    }

    /** Not allowed or not there: the error page, as for any other page. */
    private static void rethrowUnlessReadable(DomainException e) {
        if (e.status() == HttpStatus.FORBIDDEN && !e.code().startsWith("account.")) {
            throw e;
        }
    }

    /** The refusal in the reader's words: a role and an organisation type by their names rather than their codes. */
    private String words(DomainException e) {
        Object[] args = e.args();
        if ("account.role-organisation".equals(e.code()) && args.length == 2) {
            args = new Object[] {errors.text("role." + args[0]), errors.text("organisation.type." + args[1])};
        }
        return errors.text(e.messageKey(), args);
    }

    private String form(CurrentUser user, StaffAccounts.StaffAccount editing, Model model) {
        model.addAttribute("editing", editing);
        model.addAttribute("roles", sorted(accounts.assignableRoles(user)));
        model.addAttribute("organisations", organisations.visibleTo(user).stream().filter(Organisation::active)
                .sorted(Comparator.comparing(Organisation::treePath)).toList());
        return "staff-account-form";
    }

    private static List<Role> sorted(Collection<Role> roles) {
        return roles.stream().sorted().toList();
    }
}
