package cn.titlecert.application;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.titlecert.audit.AuditTrail;
import cn.titlecert.error.DomainException;
import cn.titlecert.organisation.Organisation;
import cn.titlecert.organisation.OrganisationService;
import cn.titlecert.person.Person;
import cn.titlecert.person.PersonService;
import cn.titlecert.security.CurrentUser;
import cn.titlecert.security.OrganisationGroups;

/**
 * Reading applications with the visibility rule: the applicant, the submitter, and staff whose scope
 * holds the employer or the review body. Anything else is "not found".
 */
@Service
public class ApplicationQueries {

    private final ApplicationMapper applications;
    private final OrganisationService organisations;
    private final PersonService persons;
    private final TaskService tasks;
    private final MessageSource messages;
    private final AuditTrail audit;

    public ApplicationQueries(ApplicationMapper applications, OrganisationService organisations, PersonService persons,
            TaskService tasks, MessageSource messages, AuditTrail audit) {
        this.audit = audit;
        this.applications = applications;
        this.organisations = organisations;
        this.persons = persons;
        this.tasks = tasks;
        this.messages = messages;
    }

    public Application require(CurrentUser user, long id) {
        return applications.findById(id).filter(a -> canSee(user, a))
                .orElseThrow(() -> DomainException.notFound("application.not-found"));
    }

    /** {@link #require}, for showing the case to the user: a staff member's read is audited. */
    @Transactional
    public Application requireViewed(CurrentUser user, long id) {
        Application a = require(user, id);
        audit.recordStaffAccess(user, "APPLICATION_VIEWED", "application", id, "person=" + a.personId());
        return a;
    }

    public boolean canSee(CurrentUser user, Application a) {
        if (user.personId() != null && user.personId() == a.personId()) {
            return true;
        }
        if (user.username().equals(a.submittedBy())) {
            return true;
        }
        if (user.isHolderOnly()) {
            return false;
        }
        return inScope(user, a.employerId()) || inScope(user, a.reviewBodyId());
    }

    private boolean inScope(CurrentUser user, Long organisationId) {
        return organisationId != null && organisations.find(organisationId).map(Organisation::treePath)
                .map(user::covers).orElse(false);
    }

    @Transactional
    public List<Application> list(CurrentUser user, ApplicationStatus status, AcquisitionPath path, boolean lateOnly,
            int page, int size) {
        int limit = Math.min(Math.max(size, 1), 200);
        int offset = Math.max(page, 0) * limit;
        if (user.isHolderOnly()) {
            return user.personId() == null ? List.of() : applications.findByPerson(user.personId()).stream()
                    .filter(a -> status == null || a.status() == status)
                    .filter(a -> path == null || a.path() == path)
                    .skip(offset).limit(limit).toList();
        }
        List<Application> found = applications.findVisible(user.scopePath(), status, path, lateOnly, limit, offset);
        audit.recordStaffAccess(user, "APPLICATIONS_LISTED", "application", null,
                "status=" + status + ", path=" + path + ", late=" + lateOnly + ", page=" + page + ", results=" + found.size());
        return found;
    }

    public ApplicationView view(Application a) {
        Optional<Person> person = persons.find(a.personId());
        List<ApplicationView.DecisionView> decisions = applications.findDecisions(a.id()).stream()
                .map(d -> new ApplicationView.DecisionView(d.step(), stepName(d.step()), d.decision(), d.reason(),
                        d.decidedBy(), d.organisationId(), d.decidedAt()))
                .toList();
        return new ApplicationView(a.id(), a.personId(),
                person.map(p -> new ApplicationView.PersonSummary(p.name(), p.idNumberMasked())).orElse(null),
                a.path(), a.reviewType(),
                new ApplicationView.Title(a.titleSeries(), a.titleSpecialty(), a.titleName(), a.titleLevel()),
                a.obtainedOn(), a.employerId(), a.reviewBodyId(), a.reviewBodyName(), a.reportingUnitId(),
                a.issuingBureauId(), a.status(), waitingFor(a), decisions, a.issuanceMonth(), a.processInstanceId(),
                a.resultsFiledOn(), a.uploadDeadline(), a.uploadedLate(), a.submittedBy(), a.submittedAt(),
                a.updatedAt(), a.version());
    }

    private ApplicationView.WaitingFor waitingFor(Application a) {
        if (a.status() == ApplicationStatus.APPROVED) {
            return new ApplicationView.WaitingFor(ApplicationProgress.WAITING_FOR_ISSUANCE,
                    stepName(ApplicationProgress.WAITING_FOR_ISSUANCE), a.issuingBureauId(), null);
        }
        if (a.status() == ApplicationStatus.REJECTED || a.status() == ApplicationStatus.ISSUED) {
            return null;
        }
        List<Task> open = tasks.createTaskQuery().processInstanceBusinessKey(String.valueOf(a.id())).active()
                .orderByTaskCreateTime().asc().list();
        // The review step (not a parallel late-upload check) is what the applicant waits on.
        Optional<Task> step = open.stream().filter(t -> !"Task_AcknowledgeLateUpload".equals(t.getTaskDefinitionKey()))
                .findFirst();
        if (step.isEmpty()) {
            return a.waitingStep() == null ? null
                    : new ApplicationView.WaitingFor(a.waitingStep(), stepName(a.waitingStep()), null, null);
        }
        Task task = step.get();
        return new ApplicationView.WaitingFor(task.getTaskDefinitionKey(), stepName(task.getTaskDefinitionKey()),
                candidateOrganisation(candidateOrganisations(task.getId())), task.getId());
    }

    /** The organisations whose staff are candidates for a task (through their {@code org<id>} groups). */
    public List<Long> candidateOrganisations(String taskId) {
        List<Long> ids = new ArrayList<>();
        for (IdentityLink link : tasks.getIdentityLinksForTask(taskId)) {
            if (IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null) {
                Long id = OrganisationGroups.organisationOf(link.getGroupId());
                if (id != null) {
                    ids.add(id);
                }
            }
        }
        return ids;
    }

    /** The organisation a task waits on: review steps name exactly one. */
    public static Long candidateOrganisation(List<Long> candidates) {
        return candidates.isEmpty() ? null : candidates.get(candidates.size() - 1);
    }

    public String stepName(String step) {
        return messages.getMessage("step." + step, null, step, LocaleContextHolder.getLocale());
    }
}
