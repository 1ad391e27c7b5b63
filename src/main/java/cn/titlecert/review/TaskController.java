package cn.titlecert.review;

import java.util.List;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.titlecert.application.ApplicationQueries;
import cn.titlecert.application.ApplicationView;
import cn.titlecert.security.CurrentUser;

@RestController
@RequestMapping("/api/tasks")
class TaskController {

    private final ReviewTaskService tasks;
    private final ApplicationQueries applications;

    TaskController(ReviewTaskService tasks, ApplicationQueries applications) {
        this.tasks = tasks;
        this.applications = applications;
    }

    @GetMapping
    List<ReviewTaskService.TaskView> mine(@AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) String step, @RequestParam(required = false) String path,
            @RequestParam(required = false) Boolean assigned, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        return tasks.myTasks(user, step, path, assigned, page, size);
    }

    @GetMapping("/{id}")
    ReviewTaskService.TaskView one(@AuthenticationPrincipal CurrentUser user, @PathVariable String id) {
        return tasks.one(user, id);
    }

    @PostMapping("/{id}/claim")
    ReviewTaskService.TaskView claim(@AuthenticationPrincipal CurrentUser user, @PathVariable String id) {
        return tasks.claim(user, id);
    }

    @PostMapping("/{id}/unclaim")
    ReviewTaskService.TaskView unclaim(@AuthenticationPrincipal CurrentUser user, @PathVariable String id) {
        return tasks.unclaim(user, id);
    }

    /** Completes the step with {@code decision} (APPROVE | REJECT | RETURN) and {@code decisionReason}. */
    @PostMapping("/{id}/complete")
    ApplicationView complete(@AuthenticationPrincipal CurrentUser user, @PathVariable String id,
            @RequestBody(required = false) ReviewTaskService.Completion completion) {
        long applicationId = tasks.complete(user, id, completion);
        return applications.view(applications.require(user, applicationId));
    }
}
