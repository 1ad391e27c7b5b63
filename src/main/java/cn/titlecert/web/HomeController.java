package cn.titlecert.web;

import java.util.List;
import java.util.Optional;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import cn.titlecert.application.ApplicationMapper;
import cn.titlecert.certificate.CertificateMapper;
import cn.titlecert.organisation.Organisation;
import cn.titlecert.organisation.OrganisationService;
import cn.titlecert.person.PersonService;
import cn.titlecert.person.PhotoService;
import cn.titlecert.review.ReviewTaskService;
import cn.titlecert.security.CurrentUser;
import cn.titlecert.security.Role;

/** The home page: what the signed-in user can do, shaped by role and limited to their organisations. */
@Controller
class HomeController {

    private static final int TASKS_SHOWN = 20;

    private final OrganisationService organisations;
    private final PersonService persons;
    private final ApplicationMapper applications;
    private final CertificateMapper certificates;
    private final ReviewTaskService tasks;

    HomeController(OrganisationService organisations, PersonService persons, ApplicationMapper applications,
            CertificateMapper certificates, ReviewTaskService tasks) {
        this.organisations = organisations;
        this.persons = persons;
        this.applications = applications;
        this.certificates = certificates;
        this.tasks = tasks;
    }

    @GetMapping("/")
    String home(@AuthenticationPrincipal CurrentUser user, Model model) {
        model.addAttribute("user", user);
        model.addAttribute("roles", user.roles().stream().sorted().toList());
        Optional.ofNullable(user.organisationId()).flatMap(organisations::find)
                .ifPresent(o -> model.addAttribute("organisation", o));
        if (user.personId() != null) {
            long personId = user.personId();
            persons.find(personId).ifPresent(p -> model.addAttribute("person", p));
            model.addAttribute("applications", applications.findByPerson(personId));
            model.addAttribute("certificates", certificates.findByPerson(personId));
        }
        if (!user.isHolderOnly()) {
            List<Organisation> visible = organisations.visibleTo(user);
            model.addAttribute("tree", visible.stream().map(o -> new TreeLine(o, depth(o, user))).toList());
            model.addAttribute("tasks", tasks.myTasks(user, null, null, null, 0, TASKS_SHOWN));
        }
        model.addAttribute("photoArchive", PhotoService.uploadsForOthers(user));
        model.addAttribute("dashboard", user.has(Role.BUREAU) || user.has(Role.OPERATOR));
        model.addAttribute("cockpit", user.has(Role.ADMIN) || user.has(Role.BUREAU) || user.has(Role.OPERATOR));
        model.addAttribute("tasklist", !user.isHolderOnly() && !user.has(Role.OPERATOR) || user.has(Role.ADMIN));
        return "home";
    }

    /** One organisation in the indented list of the caller's tree. */
    record TreeLine(Organisation organisation, int depth) {
    }

    private static int depth(Organisation o, CurrentUser user) {
        String scope = user.scopePath();
        int below = slashes(o.treePath()) - slashes(scope) - ("/".equals(scope) ? 1 : 0);
        return Math.max(0, below);
    }

    private static int slashes(String path) {
        return (int) path.chars().filter(c -> c == '/').count();
    }
}
