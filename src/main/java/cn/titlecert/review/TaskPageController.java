package cn.titlecert.review;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.titlecert.application.ApplicationQueries;
import cn.titlecert.error.DomainException;
import cn.titlecert.error.ErrorMessages;
import cn.titlecert.lifecycle.Corrections;
import cn.titlecert.security.CurrentUser;

/** The staff task list pages: filter, claim, open a case with its history, decide. */
@Controller
class TaskPageController {

    private final ReviewTaskService tasks;
    private final ApplicationQueries applications;
    private final ErrorMessages errors;

    private final Corrections corrections;

    TaskPageController(ReviewTaskService tasks, ApplicationQueries applications, ErrorMessages errors,
            Corrections corrections) {
        this.corrections = corrections;
        this.tasks = tasks;
        this.applications = applications;
        this.errors = errors;
    }

    @GetMapping("/tasks")
    String list(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String step,
            @RequestParam(required = false) String path, @RequestParam(required = false) Boolean assigned, Model model) {
        model.addAttribute("tasks", tasks.myTasks(user, step, path, assigned, 0, 200));
        // Correction requests are decided on their own page; the list shows those waiting for this organisation.
        model.addAttribute("corrections", corrections.waitingFor(user));
        model.addAttribute("step", step);
        model.addAttribute("path", path);
        model.addAttribute("assigned", assigned);
        model.addAttribute("steps", new String[] {"Task_ReviewByEmployer", "Task_ReviewBySupervisor",
                "Task_VerifyByExamAgency", "Task_CheckByBureau", "Task_AcknowledgeLateUpload"});
        return "tasks";
    }

    @GetMapping("/tasks/{id}")
    String one(@AuthenticationPrincipal CurrentUser user, @PathVariable String id, Model model) {
        ReviewTaskService.TaskView task = tasks.one(user, id);
        model.addAttribute("task", task);
        model.addAttribute("caseView", applications.view(applications.requireViewed(user, task.applicationId())));
        model.addAttribute("lateUpload", ReviewTier.LATE_UPLOAD_TASK.equals(task.step()));
        return "task";
    }

    @PostMapping("/tasks/{id}/claim")
    String claim(@AuthenticationPrincipal CurrentUser user, @PathVariable String id, RedirectAttributes redirect) {
        try {
            tasks.claim(user, id);
            redirect.addFlashAttribute("message", errors.text("task.claimed"));
        } catch (DomainException e) {
            redirect.addFlashAttribute("error", errors.text(e.messageKey(), e.args()));
        }
        return "redirect:/tasks/" + id;
    }

    @PostMapping("/tasks/{id}/complete")
    String complete(@AuthenticationPrincipal CurrentUser user, @PathVariable String id,
            @RequestParam(required = false) String decision, @RequestParam(required = false) String decisionReason,
            @RequestParam(required = false) String note, RedirectAttributes redirect) {
        try {
            long applicationId = tasks.complete(user, id, new ReviewTaskService.Completion(decision, decisionReason, note));
            redirect.addFlashAttribute("message", errors.text("task.completed", applicationId));
            return "redirect:/tasks";
        } catch (DomainException e) {
            redirect.addFlashAttribute("error", errors.text(e.messageKey(), e.args()));
            redirect.addFlashAttribute("decision", decision);
            redirect.addFlashAttribute("decisionReason", decisionReason);
            return "redirect:/tasks/" + id;
        }
    }
}
