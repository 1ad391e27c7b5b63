package cn.titlecert.application;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.titlecert.audit.AuditTrail;
import cn.titlecert.error.DomainException;
import cn.titlecert.review.ReviewTier;
import cn.titlecert.security.CurrentUser;

/** The applicant's side of RETURN: correct the title data and resubmit, which completes the revise step. */
@Service
public class ApplicationRevision {

    private final ApplicationMapper applications;
    private final ApplicationQueries queries;
    private final TaskService tasks;
    private final AuditTrail audit;
    private final Clock clock;

    public ApplicationRevision(ApplicationMapper applications, ApplicationQueries queries, TaskService tasks,
            AuditTrail audit, Clock clock) {
        this.applications = applications;
        this.queries = queries;
        this.tasks = tasks;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public Application resubmit(CurrentUser user, long id, ApplicationRequest changes) {
        Application a = queries.require(user, id);
        Task revise = tasks.createTaskQuery().processInstanceBusinessKey(String.valueOf(id))
                .taskDefinitionKey(ReviewTier.REVISE_TASK).active().singleResult();
        if (a.status() != ApplicationStatus.RETURNED || revise == null) {
            throw DomainException.conflict("application.not-returned");
        }
        if (!user.username().equals(revise.getAssignee())) {
            throw DomainException.forbidden("application.not-submitter");
        }
        var title = ApplicationService.checkTitle(changes == null || changes.title() == null
                ? new ApplicationRequest.TitleData(a.titleSeries(), a.titleSpecialty(), a.titleName(), a.titleLevel())
                : changes.title());
        LocalDate obtainedOn = changes == null || changes.obtainedOn() == null ? a.obtainedOn() : changes.obtainedOn();
        ApplicationService.checkObtainedOn(obtainedOn, LocalDate.now(clock));
        String reviewBodyName = changes != null && changes.reviewBodyName() != null ? changes.reviewBodyName()
                : a.reviewBodyName();
        Application updated = new Application(a.id(), a.path(),
                changes != null && changes.reviewType() != null ? changes.reviewType() : a.reviewType(), a.personId(),
                a.employerId(), a.reviewBodyId(), a.reportingUnitId(), title.series().strip(),
                title.specialty() == null ? null : title.specialty().strip(), title.name().strip(), title.level(),
                obtainedOn, a.status(), a.waitingStep(), a.processInstanceId(), a.issuanceMonth(), a.submittedBy(),
                a.submittedAt(), clock.instant(), a.version(), reviewBodyName, a.resultsFiledOn(), a.uploadDeadline(),
                a.uploadedLate(), a.issuingBureauId(), a.batchId(),
                Application.duplicateGuardOf(a.personId(), title.series(), title.level(), title.name()));
        try {
            if (applications.updateContent(updated) != 1) {
                throw DomainException.conflict("application.changed");
            }
        } catch (DuplicateKeyException e) {
            throw DomainException.conflict("application.duplicate");
        }
        audit.record(user, "APPLICATION_REVISED", "application", id, null, null);
        tasks.complete(revise.getId(), Map.of("resubmitted", true));
        return applications.findById(id).orElseThrow();
    }
}
