package cn.titlecert.application;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.titlecert.audit.AuditTrail;
import cn.titlecert.error.DomainException;
import cn.titlecert.organisation.Organisation;
import cn.titlecert.organisation.OrganisationService;
import cn.titlecert.organisation.OrganisationType;
import cn.titlecert.persistence.GeneratedKey;
import cn.titlecert.person.IdNumber;
import cn.titlecert.person.IdType;
import cn.titlecert.person.NewPerson;
import cn.titlecert.person.Person;
import cn.titlecert.person.PersonService;
import cn.titlecert.person.PhoneNumber;
import cn.titlecert.security.CurrentUser;
import cn.titlecert.security.OrganisationGroups;
import cn.titlecert.security.Role;

/**
 * Submitting applications: who may submit what for whom, validation, duplicate protection, and the start
 * of the path's process. A submission is checked completely ({@link #prepare}) before anything is
 * written ({@link #persist}), so a batch can report every bad row and write nothing.
 */
@Service
public class ApplicationService {

    private static final LocalDate EARLIEST = LocalDate.of(1950, 1, 1);
    private static final Set<AcquisitionPath> HOLDER_PATHS = EnumSet.of(AcquisitionPath.SELF_APPOINTMENT,
            AcquisitionPath.EXAM_IN_LIEU, AcquisitionPath.COMMISSIONED_REVIEW);

    private final ApplicationMapper applications;
    private final PersonService persons;
    private final OrganisationService organisations;
    private final ApplicationRouting routing;
    private final RuntimeService runtime;
    private final AuditTrail audit;
    private final Clock clock;

    public ApplicationService(ApplicationMapper applications, PersonService persons, OrganisationService organisations,
            ApplicationRouting routing, RuntimeService runtime, AuditTrail audit, Clock clock) {
        this.applications = applications;
        this.persons = persons;
        this.organisations = organisations;
        this.routing = routing;
        this.runtime = runtime;
        this.audit = audit;
        this.clock = clock;
    }

    /** A submission that passed every check: what {@link #persist} will write. */
    public record Prepared(ApplicationRequest request, Long existingPersonId, NewPerson newPerson,
            Organisation employer, Organisation reviewBody, Organisation reportingUnit, Organisation bureau,
            ReviewType reviewType, String duplicateKey) {
    }

    @Transactional
    public Application submit(CurrentUser user, ApplicationRequest request) {
        return persist(user, prepare(user, request), null);
    }

    /** Every check, no writes. Throws {@link DomainException} with the first rule broken. */
    public Prepared prepare(CurrentUser user, ApplicationRequest request) {
        if (request == null || request.path() == null) {
            throw DomainException.badRequest("application.path-required");
        }
        AcquisitionPath path = request.path();
        checkSubmitter(user, path);
        ApplicationRequest.TitleData title = checkTitle(request.title());
        checkObtainedOn(request.obtainedOn(), LocalDate.now(clock));

        Long existingPersonId = null;
        NewPerson newPerson = null;
        Organisation employer = null;
        Person registered = null;
        NewPerson given = null;
        if (user.isHolderOnly()) {
            Person own = persons.find(user.personId()).orElseThrow(() -> DomainException.forbidden("forbidden"));
            if (request.person() != null && request.person().idNumber() != null
                    && !request.person().idNumber().isBlank()) {
                IdNumber givenNumber = IdNumber.parse(
                        Optional.ofNullable(request.person().idType()).orElse(IdType.RESIDENT_ID),
                        request.person().idNumber(), LocalDate.now(clock));
                if (!givenNumber.equals(persons.idNumberOf(own.id()))) {
                    throw DomainException.forbidden("application.other-person");
                }
            }
            if (request.employerId() != null && !request.employerId().equals(own.employerId())) {
                throw DomainException.badRequest("application.employer-mismatch");
            }
            existingPersonId = own.id();
            employer = own.employerId() == null ? null : organisations.find(own.employerId()).orElse(null);
        } else {
            employer = requestedEmployer(user, request.employerId());
            ApplicationRequest.PersonData data = request.person();
            if (data == null) {
                throw DomainException.badRequest("application.person-required");
            }
            IdNumber idNumber = IdNumber.parse(Optional.ofNullable(data.idType()).orElse(IdType.RESIDENT_ID),
                    data.idNumber(), LocalDate.now(clock));
            PhoneNumber phone = data.phone() == null || data.phone().isBlank() ? null : PhoneNumber.parse(data.phone());
            given = new NewPerson(data.name() == null ? null : data.name().strip(), data.gender(), data.birthDate(),
                    idNumber, phone, employer == null ? null : employer.id());
            // Checked alike whether or not the number is registered, so no answer tells which it is.
            persons.checkIdentity(given);
            registered = persons.findByIdNumber(idNumber).orElse(null);
        }

        if (employer != null && employer.type() != OrganisationType.EMPLOYER) {
            throw DomainException.badRequest("application.employer-type");
        }
        Organisation reviewBody = checkReviewBody(user, request, path, employer);
        // A retired organisation keeps its past applications but takes no new ones.
        for (Organisation named : new Organisation[] {employer, reviewBody}) {
            if (named != null && named.retired()) {
                throw DomainException.conflict("organisation.retired", named.name());
            }
        }
        if ((path == AcquisitionPath.SELF_APPOINTMENT || path == AcquisitionPath.COMMISSIONED_REVIEW) && employer == null) {
            throw DomainException.badRequest("application.employer-required");
        }
        checkResultsFiledOn(path, request.resultsFiledOn());

        Organisation anchor = employer != null ? employer : reviewBody;
        Organisation reportingUnit = employer == null ? null : routing.reportingUnitOf(employer).orElse(null);
        Organisation bureau = anchor == null ? null : routing.bureauOf(anchor).orElse(null);
        if (bureau == null) {
            throw DomainException.badRequest("application.no-bureau");
        }
        // Whether the person is the submitter's to name comes after every other check of the request, so a refusal
        // is the one answer a request about someone else's staff can get.
        if (registered != null) {
            requireMayAttach(user, path, employer, given, registered);
            existingPersonId = registered.id();
        } else if (given != null) {
            newPerson = given;
        }
        ReviewType reviewType = Optional.ofNullable(request.reviewType()).orElse(defaultReviewType(path));
        String duplicateKey = existingPersonId == null ? null
                : Application.duplicateGuardOf(existingPersonId, title.series(), title.level(), title.name());
        if (duplicateKey != null && applications.findByPerson(existingPersonId).stream()
                .anyMatch(a -> duplicateKey.equals(a.duplicateGuard()))) {
            throw DomainException.conflict("application.duplicate");
        }
        return new Prepared(request, existingPersonId, newPerson, employer, reviewBody, reportingUnit, bureau,
                reviewType, duplicateKey);
    }

    /** Writes a prepared submission and starts its process; all in the caller's transaction. */
    @Transactional
    public Application persist(CurrentUser user, Prepared prepared, Long batchId) {
        ApplicationRequest request = prepared.request();
        long personId = prepared.existingPersonId() != null ? prepared.existingPersonId()
                // An earlier row of the same batch (or someone else since the checks) may have registered this person:
                // the same rule as for anyone registered decides whether the application may attach to them.
                : persons.findByIdNumber(prepared.newPerson().idNumber()).map(found -> {
                    requireMayAttach(user, request.path(), prepared.employer(), prepared.newPerson(), found);
                    return found.id();
                }).orElseGet(() -> persons.register(prepared.newPerson()).id());
        ApplicationRequest.TitleData title = request.title();
        String guard = Application.duplicateGuardOf(personId, title.series(), title.level(), title.name());
        Instant now = clock.instant();
        Application row = new Application(null, request.path(), prepared.reviewType(), personId, idOf(prepared.employer()),
                idOf(prepared.reviewBody()), idOf(prepared.reportingUnit()), title.series().strip(),
                blankToNull(title.specialty()), title.name().strip(), title.level(), request.obtainedOn(),
                ApplicationStatus.SUBMITTED, null, null, null, user.username(), now, now, 0,
                blankToNull(request.reviewBodyName()), request.resultsFiledOn(), null, false,
                prepared.bureau().id(), batchId, guard);
        GeneratedKey key = new GeneratedKey();
        try {
            applications.insert(row, key);
        } catch (DuplicateKeyException e) {
            throw DomainException.conflict("application.duplicate");
        }
        long id = key.value();
        audit.record(user, "APPLICATION_SUBMITTED", "application", id, "path=" + request.path()
                + (batchId == null ? "" : ", batch=" + batchId), null);
        ProcessInstance instance = runtime.startProcessInstanceByKey(request.path().processKey(), String.valueOf(id),
                processVariables(id, user, prepared));
        applications.setProcessInstance(id, instance.getId());
        return applications.findById(id).orElseThrow();
    }

    /**
     * The ids the process needs; never personal data. The review tiers are decided from the case's row (path, level,
     * reporting unit), not from variables.
     */
    private static Map<String, Object> processVariables(long id, CurrentUser user, Prepared p) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("applicationId", id);
        variables.put("employerGroup", p.employer() == null ? null : OrganisationGroups.of(p.employer().id()));
        variables.put("supervisorGroup", p.reportingUnit() == null ? null : OrganisationGroups.of(p.reportingUnit().id()));
        variables.put("agencyGroup", p.reviewBody() == null ? null : OrganisationGroups.of(p.reviewBody().id()));
        variables.put("bureauGroup", OrganisationGroups.of(p.bureau().id()));
        variables.put("submitter", user.username());
        return variables;
    }

    /**
     * The employer a staff submission names: an employer, and for an employer's own staff one in its scope. Checked
     * before the person is looked up, so the answer about an organisation does not depend on who is registered.
     */
    private Organisation requestedEmployer(CurrentUser user, Long employerId) {
        if (employerId == null) {
            return null;
        }
        Organisation employer = organisations.find(employerId)
                .orElseThrow(() -> DomainException.notFound("organisation.not-found"));
        if (user.has(Role.EMPLOYER) && !user.isAdmin() && !user.covers(employer.treePath())) {
            throw DomainException.notFound("organisation.not-found");
        }
        if (employer.type() != OrganisationType.EMPLOYER) {
            throw DomainException.badRequest("application.employer-type");
        }
        return employer;
    }

    /**
     * Staff submit only for the people they are responsible for. A person already registered may be named by:
     * <ul>
     * <li>the issuing bureau (or an administrator), for anyone;</li>
     * <li>staff whose scope holds the person's employer: their own staff;</li>
     * <li>a committee's organizing unit or an exam agency (whose result lists name people of many employers), when
     * the request names the person's own employer and the name registered with the number.</li>
     * </ul>
     * Anyone else is refused with one answer that names neither the person's organisation nor what did not match:
     * such an application goes through the person's own account or the issuing bureau.
     */
    private void requireMayAttach(CurrentUser user, AcquisitionPath path, Organisation employer, NewPerson given,
            Person registered) {
        boolean sameName = given.name() != null && given.name().equals(registered.name());
        boolean responsible = user.has(Role.BUREAU) || user.isAdmin() || employs(user, registered)
                || reviewBodyPath(path) && employer != null && employer.id().equals(registered.employerId()) && sameName;
        if (!responsible) {
            throw DomainException.forbidden("application.person-elsewhere");
        }
        if (!sameName) {
            throw DomainException.badRequest("application.person-name-mismatch");
        }
    }

    private boolean employs(CurrentUser user, Person person) {
        return person.employerId() != null && organisations.find(person.employerId()).map(Organisation::treePath)
                .filter(user::covers).isPresent();
    }

    /** The paths whose submitter is the review body: committee results and exam-in-lieu verifications. */
    private static boolean reviewBodyPath(AcquisitionPath path) {
        return path == AcquisitionPath.SOCIAL_REVIEW || path == AcquisitionPath.SELF_REVIEW
                || path == AcquisitionPath.EXAM_IN_LIEU;
    }

    private void checkSubmitter(CurrentUser user, AcquisitionPath path) {
        if (user.isHolderOnly()) {
            if (!HOLDER_PATHS.contains(path) || user.personId() == null) {
                throw DomainException.forbidden("application.path-not-allowed");
            }
            return;
        }
        boolean allowed = switch (path) {
            case SOCIAL_REVIEW, SELF_REVIEW -> user.has(Role.COMMITTEE);
            case EXAM_IN_LIEU -> user.has(Role.EXAM_AGENCY);
            case SELF_APPOINTMENT, COMMISSIONED_REVIEW -> user.has(Role.EMPLOYER);
        };
        if (!allowed) {
            throw DomainException.forbidden("application.path-not-allowed");
        }
    }

    private Organisation checkReviewBody(CurrentUser user, ApplicationRequest request, AcquisitionPath path,
            Organisation employer) {
        switch (path) {
            case SOCIAL_REVIEW, SELF_REVIEW -> {
                Organisation committee = requireOrganisation(request.reviewBodyId(), OrganisationType.COMMITTEE);
                if (!user.covers(committee.treePath())) {
                    throw DomainException.notFound("organisation.not-found");
                }
                return committee;
            }
            case EXAM_IN_LIEU -> {
                Long id = request.reviewBodyId() != null ? request.reviewBodyId()
                        : user.has(Role.EXAM_AGENCY) ? user.organisationId() : null;
                Organisation agency = requireOrganisation(id, OrganisationType.EXAM_AGENCY);
                if (!user.isHolderOnly() && !user.covers(agency.treePath())) {
                    throw DomainException.notFound("organisation.not-found");
                }
                return agency;
            }
            case SELF_APPOINTMENT -> {
                // The review body of a self appointment is the appointing employer itself.
                if (request.reviewBodyId() != null && employer != null && !request.reviewBodyId().equals(employer.id())) {
                    throw DomainException.badRequest("application.review-body-type");
                }
                return employer;
            }
            case COMMISSIONED_REVIEW -> {
                if (request.reviewBodyId() != null) {
                    return requireOrganisation(request.reviewBodyId(), OrganisationType.COMMITTEE);
                }
                if (request.reviewBodyName() == null || request.reviewBodyName().isBlank()) {
                    throw DomainException.badRequest("application.review-body-required");
                }
                if (request.reviewBodyName().length() > 200) {
                    throw DomainException.badRequest("application.review-body-required");
                }
                return null;
            }
            default -> throw new IllegalStateException(path.name());
        }
    }

    private Organisation requireOrganisation(Long id, OrganisationType type) {
        if (id == null) {
            throw DomainException.badRequest("application.review-body-required");
        }
        Organisation organisation = organisations.find(id)
                .orElseThrow(() -> DomainException.notFound("organisation.not-found"));
        if (organisation.type() != type) {
            throw DomainException.badRequest("application.review-body-type");
        }
        return organisation;
    }

    static ApplicationRequest.TitleData checkTitle(ApplicationRequest.TitleData title) {
        if (title == null || title.level() == null) {
            throw DomainException.badRequest("application.title-required");
        }
        if (title.series() == null || title.series().isBlank() || title.name() == null || title.name().isBlank()) {
            throw DomainException.badRequest("application.title-required");
        }
        if (title.series().length() > 50 || title.name().length() > 100
                || (title.specialty() != null && title.specialty().length() > 100)) {
            throw DomainException.badRequest("application.title-too-long");
        }
        return title;
    }

    static void checkObtainedOn(LocalDate obtainedOn, LocalDate today) {
        if (obtainedOn == null) {
            throw DomainException.badRequest("application.obtained-on-required");
        }
        if (obtainedOn.isAfter(today) || obtainedOn.isBefore(EARLIEST)) {
            throw DomainException.badRequest("application.obtained-on-invalid");
        }
    }

    private void checkResultsFiledOn(AcquisitionPath path, LocalDate filedOn) {
        boolean committee = path == AcquisitionPath.SOCIAL_REVIEW || path == AcquisitionPath.SELF_REVIEW;
        if (committee && filedOn == null) {
            throw DomainException.badRequest("application.results-filed-on-required");
        }
        if (filedOn != null && (filedOn.isAfter(LocalDate.now(clock)) || filedOn.isBefore(EARLIEST))) {
            throw DomainException.badRequest("application.results-filed-on-invalid");
        }
    }

    static ReviewType defaultReviewType(AcquisitionPath path) {
        return switch (path) {
            case SOCIAL_REVIEW -> ReviewType.SOCIAL;
            case SELF_REVIEW -> ReviewType.SELF;
            case EXAM_IN_LIEU -> ReviewType.EXAM_IN_LIEU;
            case SELF_APPOINTMENT, COMMISSIONED_REVIEW -> null;
        };
    }

    private static Long idOf(Organisation o) {
        return o == null ? null : o.id();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    public List<Application> forPerson(long personId) {
        return applications.findByPerson(personId);
    }
}
