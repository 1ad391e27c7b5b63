package cn.titlecert.review;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.titlecert.application.Application;
import cn.titlecert.application.ApplicationMapper;
import cn.titlecert.application.ApplicationProgress;
import cn.titlecert.application.ApplicationQueries;
import cn.titlecert.error.DomainException;
import cn.titlecert.lifecycle.Corrections;
import cn.titlecert.person.PersonService;
import cn.titlecert.security.CurrentUser;
import cn.titlecert.security.OrganisationGroups;
import cn.titlecert.security.Role;

/**
 * The staff task list: the open steps of the caller's organisation (and those assigned to the caller),
 * claiming, and deciding. Decisions go through the same checks whether made here or in Camunda Tasklist.
 */
@Service
public class ReviewTaskService {

    private final TaskService tasks;
    private final ApplicationMapper applications;
    private final ApplicationQueries queries;
    private final PersonService persons;

    public ReviewTaskService(TaskService tasks, ApplicationMapper applications, ApplicationQueries queries,
            PersonService persons) {
        this.tasks = tasks;
        this.applications = applications;
        this.queries = queries;
        this.persons = persons;
    }

    /** One open step as the task list shows it. */
    public record TaskView(String id, String name, String step, Instant created, String assignee, Long organisationId,
            long applicationId, String path, String personName, String titleName, String titleLevel,
            boolean uploadedLate) {
    }

    public record Completion(String decision, String decisionReason, String note) {
    }

    public List<TaskView> myTasks(CurrentUser user, String step, String path, Boolean assigned, int page, int size) {
        TaskQuery query = tasks.createTaskQuery().active();
        if (user.isHolderOnly() || user.organisationId() == null) {
            query.taskAssignee(user.username());
        } else {
            query.or().taskCandidateGroup(OrganisationGroups.of(user.organisationId())).taskAssignee(user.username())
                    .endOr();
        }
        if (step != null && !step.isBlank()) {
            query.taskDefinitionKey(step);
        }
        if (Boolean.TRUE.equals(assigned)) {
            query.taskAssigned();
        } else if (Boolean.FALSE.equals(assigned)) {
            query.taskUnassigned();
        }
        int limit = Math.min(Math.max(size, 1), 200);
        List<TaskView> views = new ArrayList<>();
        for (Task task : query.orderByTaskCreateTime().asc().listPage(Math.max(page, 0) * limit, limit)) {
            List<Long> candidates = queries.candidateOrganisations(task.getId());
            if (!mayAct(user, task, candidates)) {
                continue;
            }
            TaskView view = view(task, candidates);
            if (view != null && (path == null || path.isBlank() || path.equals(view.path()))) {
                views.add(view);
            }
        }
        return views;
    }

    public TaskView one(CurrentUser user, String taskId) {
        Task task = requireVisible(user, taskId);
        return view(task, queries.candidateOrganisations(taskId));
    }

    @Transactional
    public TaskView claim(CurrentUser user, String taskId) {
        Task task = requireVisible(user, taskId);
        if (task.getAssignee() != null && !task.getAssignee().equals(user.username())) {
            throw DomainException.conflict("task.assigned-to-other");
        }
        if (task.getAssignee() == null) {
            tasks.claim(taskId, user.username());
        }
        return view(tasks.createTaskQuery().taskId(taskId).singleResult(), queries.candidateOrganisations(taskId));
    }

    @Transactional
    public TaskView unclaim(CurrentUser user, String taskId) {
        Task task = requireVisible(user, taskId);
        if (!user.username().equals(task.getAssignee())) {
            throw DomainException.conflict("task.assigned-to-other");
        }
        if (ReviewTier.REVISE_TASK.equals(task.getTaskDefinitionKey())) {
            throw DomainException.badRequest("task.use-resubmit");
        }
        tasks.setAssignee(taskId, null);
        return view(tasks.createTaskQuery().taskId(taskId).singleResult(), queries.candidateOrganisations(taskId));
    }

    /** Completes a review step with {@code decision} and {@code decisionReason}, as the contract says. */
    @Transactional
    public long complete(CurrentUser user, String taskId, Completion completion) {
        Task task = requireVisible(user, taskId);
        if (task.getAssignee() != null && !task.getAssignee().equals(user.username())) {
            throw DomainException.conflict("task.assigned-to-other");
        }
        String key = task.getTaskDefinitionKey();
        Map<String, Object> variables = new HashMap<>();
        if (ReviewTier.REVISE_TASK.equals(key)) {
            throw DomainException.badRequest("task.use-resubmit");
        } else if (ReviewTier.LATE_UPLOAD_TASK.equals(key)) {
            String note = completion == null ? null : completion.note();
            if (note == null || note.isBlank()) {
                throw DomainException.badRequest("late-upload.note-required");
            }
            variables.put("lateUploadNote", note.strip());
        } else {
            String decision = completion == null ? null : completion.decision();
            String reason = completion == null ? null : completion.decisionReason();
            ApplicationProgress.checkDecision(decision, reason);
            variables.put("decision", decision.strip());
            variables.put("decisionReason", reason == null || reason.isBlank() ? null : reason.strip());
        }
        long applicationId = applicationIdOf(task);
        // The product has checked who may act; the claim makes the caller the one the listeners record.
        if (task.getAssignee() == null) {
            tasks.claim(taskId, user.username());
        }
        tasks.complete(taskId, variables);
        return applicationId;
    }

    private Task requireVisible(CurrentUser user, String taskId) {
        Task task = tasks.createTaskQuery().taskId(taskId).active().singleResult();
        if (task == null || !mayAct(user, task, queries.candidateOrganisations(taskId))) {
            throw DomainException.notFound("task.not-found");
        }
        return task;
    }

    /** The assignee, or staff of the candidate organisation with the role the step needs. */
    boolean mayAct(CurrentUser user, Task task, List<Long> candidates) {
        if (user.username().equals(task.getAssignee())) {
            return true;
        }
        if (user.isHolderOnly() || user.organisationId() == null || !candidates.contains(user.organisationId())
                || user.roles().stream().noneMatch(Role::actsOnTasks)) {
            return false; // an operator of the organisation watches, never decides
        }
        Optional<ReviewTier> tier = ReviewTier.ofTask(task.getTaskDefinitionKey());
        if (tier.isPresent()) {
            return user.has(tier.get().role());
        }
        if (ReviewTier.LATE_UPLOAD_TASK.equals(task.getTaskDefinitionKey())) {
            return user.has(Role.BUREAU);
        }
        // Correction steps are decided through the corrections API and page, with their own checks.
        return !Corrections.REVIEW_TASK.equals(task.getTaskDefinitionKey())
                && !Corrections.BUREAU_TASK.equals(task.getTaskDefinitionKey());
    }

    private TaskView view(Task task, List<Long> candidates) {
        Long applicationId = applicationIdOrNull(task);
        if (applicationId == null) {
            return null;
        }
        Optional<Application> application = applications.findById(applicationId);
        if (application.isEmpty()) {
            return null;
        }
        Application a = application.get();
        Long organisationId = ApplicationQueries.candidateOrganisation(candidates);
        String personName = persons.find(a.personId()).map(p -> p.name()).orElse(null);
        return new TaskView(task.getId(), queries.stepName(task.getTaskDefinitionKey()), task.getTaskDefinitionKey(),
                task.getCreateTime().toInstant(), task.getAssignee(), organisationId, a.id(), a.path().name(),
                personName, a.titleName(), a.titleLevel().name(), a.uploadedLate());
    }

    private long applicationIdOf(Task task) {
        Long id = applicationIdOrNull(task);
        if (id == null) {
            throw DomainException.notFound("task.not-found");
        }
        return id;
    }

    private Long applicationIdOrNull(Task task) {
        Object value = tasks.getVariable(task.getId(), "applicationId");
        return value instanceof Number n ? n.longValue() : null;
    }
}
