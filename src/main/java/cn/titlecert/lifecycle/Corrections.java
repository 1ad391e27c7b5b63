package cn.titlecert.lifecycle;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.MessageSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.titlecert.application.ApplicationProgress;
import cn.titlecert.application.ApplicationRouting;
import cn.titlecert.application.Decision;
import cn.titlecert.audit.AuditTrail;
import cn.titlecert.certificate.Certificate;
import cn.titlecert.certificate.CertificateIssuer;
import cn.titlecert.certificate.CertificateMapper;
import cn.titlecert.certificate.CertificateRequest;
import cn.titlecert.certificate.CertificateService;
import cn.titlecert.certificate.CertificateStatus;
import cn.titlecert.certificate.TitleLevel;
import cn.titlecert.error.DomainException;
import cn.titlecert.notification.Notifications;
import cn.titlecert.organisation.Organisation;
import cn.titlecert.organisation.OrganisationService;
import cn.titlecert.person.Gender;
import cn.titlecert.person.IdNumber;
import cn.titlecert.person.Person;
import cn.titlecert.person.PersonService;
import cn.titlecert.person.PersonService.Identity;
import cn.titlecert.person.PhotoMapper;
import cn.titlecert.persistence.GeneratedKey;
import cn.titlecert.privacy.PersonalDataCipher;
import cn.titlecert.security.CurrentUser;
import cn.titlecert.security.OrganisationGroups;
import cn.titlecert.security.Role;
import cn.titlecert.security.UserAccount;
import cn.titlecert.security.UserAccountMapper;

/**
 * Correction and reissue (R17). The Hubei notice: "由个人或所在单位联系职称批准单位申请更正，由职称批准单位按程序逐级向省职改办
 * 申请修改" — the holder or the employer asks, the approving unit reviews and escalates, the bureau approves; the
 * corrected certificate supersedes the old one, whose verification then points to the new one. A lost paper
 * certificate (Guangdong, Hubei, Tianjin) is reissued as an electronic one from the records the same way. The
 * process {@code certificate-correction} decides who acts next; this service does the work of each step.
 */
@Service
public class Corrections {

    public static final String PROCESS_KEY = "certificate-correction";
    public static final String REVIEW_TASK = "Task_ReviewCorrection";
    public static final String BUREAU_TASK = "Task_ApproveCorrection";
    static final String CHANGES_FIELD = "correction.changes";
    private static final Locale TEXT = Locale.SIMPLIFIED_CHINESE;

    private final CorrectionMapper corrections;
    private final CertificateMapper certificates;
    private final CertificateService certificateAccess;
    private final CertificateIssuer issuer;
    private final PersonService persons;
    private final PhotoMapper photos;
    private final OrganisationService organisations;
    private final ApplicationRouting routing;
    private final CorrectionEvidenceStore evidenceStore;
    private final PersonalDataCipher cipher;
    private final ObjectMapper json;
    private final RuntimeService runtime;
    private final TaskService tasks;
    private final AuditTrail audit;
    private final Notifications notifications;
    private final MessageSource messages;
    private final UserAccountMapper accounts;
    private final Clock clock;

    public Corrections(CorrectionMapper corrections, CertificateMapper certificates,
            CertificateService certificateAccess, CertificateIssuer issuer, PersonService persons, PhotoMapper photos,
            OrganisationService organisations, ApplicationRouting routing, CorrectionEvidenceStore evidenceStore,
            PersonalDataCipher cipher, ObjectMapper json, RuntimeService runtime, TaskService tasks, AuditTrail audit,
            Notifications notifications, MessageSource messages, UserAccountMapper accounts, Clock clock) {
        this.corrections = corrections;
        this.certificates = certificates;
        this.certificateAccess = certificateAccess;
        this.issuer = issuer;
        this.persons = persons;
        this.photos = photos;
        this.organisations = organisations;
        this.routing = routing;
        this.evidenceStore = evidenceStore;
        this.cipher = cipher;
        this.json = json;
        this.runtime = runtime;
        this.tasks = tasks;
        this.audit = audit;
        this.notifications = notifications;
        this.messages = messages;
        this.accounts = accounts;
        this.clock = clock;
    }

    /** A request as its requester, the reviewers and the bureau see it; an ID number only masked. */
    public record CorrectionView(long id, String certificateNumber, CorrectionKind kind, CorrectionStatus status,
            Map<String, String> changes, String reason, String requestedBy, Instant createdAt, String waitingFor,
            String decidedBy, String decisionReason, Instant decidedAt, String newCertificateNumber,
            List<CorrectionEvidence> evidence) {
    }

    /** Asks for a correction or reissue; starts {@code certificate-correction}. Nothing is written on a refusal. */
    @Transactional
    public CorrectionView request(CurrentUser user, String number, CorrectionRequest body,
            List<CorrectionEvidenceStore.Upload> evidence) {
        if (!user.isHolderOnly() && !user.has(Role.EMPLOYER)) {
            throw DomainException.forbidden("correction.not-allowed");
        }
        // A holder only for their own certificates, an employer only for its staff's: anyone else gets "not found".
        Certificate certificate = certificateAccess.find(user, number == null ? "" : number.strip());
        if (body == null) {
            throw DomainException.badRequest("correction.reason-required");
        }
        CorrectionKind kind = parseKind(body.kind());
        String reason = Revocations.requiredText(body.reason(), "correction.reason-required");
        if (certificate.status() != CertificateStatus.VALID) {
            throw DomainException.conflict("correction.not-valid",
                    message("certificate.status." + certificate.status()));
        }
        Map<CorrectableField, String> changes = parseChanges(certificate, body.changes());
        if (kind == CorrectionKind.CORRECTION && changes.isEmpty()) {
            throw DomainException.badRequest("correction.changes-required");
        }
        if (kind == CorrectionKind.REISSUE && certificates.hasPdf(certificate.id())) {
            throw DomainException.conflict("correction.already-electronic");
        }
        correctedIdentity(certificate.personId(), changes);
        if (photos.findCurrent(certificate.personId()).isEmpty()) {
            throw DomainException.conflict("correction.photo-missing");
        }
        List<CorrectionEvidenceStore.Upload> files = evidenceStore.check(evidence);
        Person holder = persons.find(certificate.personId()).orElseThrow();
        Optional<Organisation> employer = Optional.ofNullable(holder.employerId()).flatMap(organisations::find);
        Optional<Organisation> reviewer = employer.flatMap(routing::reportingUnitOf);
        Organisation bureau = Optional.ofNullable(certificate.issuingOrgId()).flatMap(organisations::find)
                .or(() -> employer.flatMap(routing::bureauOf))
                .orElseThrow(() -> DomainException.conflict("correction.no-bureau"));

        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        CorrectionStatus first = reviewer.isPresent() ? CorrectionStatus.IN_REVIEW : CorrectionStatus.AT_BUREAU;
        String fieldNames = changes.keySet().stream().map(CorrectableField::apiName).collect(Collectors.joining(","));
        Correction row = new Correction(null, certificate.id(), kind, first, encrypt(changes), fieldNames, reason,
                user.username(), user.organisationId(), reviewer.map(Organisation::id).orElse(null), bureau.id(), null,
                null, null, null, certificate.id(), now, null);
        GeneratedKey key = new GeneratedKey();
        try {
            corrections.insert(row, key);
        } catch (DuplicateKeyException e) {
            throw DomainException.conflict("correction.already-open");
        }
        long id = key.value();
        evidenceStore.store(id, files, now);

        Map<String, Object> variables = new HashMap<>();
        variables.put("correctionId", id);
        variables.put("correctionKind", kind.name());
        variables.put("changedFields", fieldNames);
        variables.put("hasReviewer", reviewer.isPresent());
        variables.put("reviewerGroup", reviewer.map(o -> OrganisationGroups.of(o.id())).orElse(null));
        variables.put("bureauGroup", OrganisationGroups.of(bureau.id()));
        String processInstanceId = runtime.startProcessInstanceByKey(PROCESS_KEY, "correction:" + id, variables)
                .getProcessInstanceId();
        corrections.setProcessInstance(id, processInstanceId);
        audit.record(user, "CORRECTION_REQUESTED", "certificate", certificate.number(),
                "correction=" + id + " kind=" + kind + " fields=" + fieldNames + " evidence=" + files.size(), reason);
        return view(corrections.findById(id).orElseThrow());
    }

    /** One request; a staff member's read is audited (the requested values may be a name or an ID number). */
    @Transactional
    public CorrectionView find(CurrentUser user, long id) {
        CorrectionView view = view(visible(user, id));
        audit.recordStaffAccess(user, "CORRECTION_VIEWED", "correction", id, "certificate=" + view.certificateNumber());
        return view;
    }

    @Transactional
    public List<CorrectionView> visibleTo(CurrentUser user, int limit, int offset) {
        int size = Math.max(1, Math.min(limit, 200));
        List<Correction> rows;
        if (user.isHolderOnly()) {
            rows = user.personId() == null ? List.of() : corrections.findByPerson(user.personId(), size, Math.max(0, offset));
        } else {
            rows = corrections.findInScope(user.scopePath(), size, Math.max(0, offset));
            audit.recordStaffAccess(user, "CORRECTIONS_LISTED", "correction", null,
                    "offset=" + offset + ", results=" + rows.size());
        }
        return rows.stream().map(this::view).toList();
    }

    /**
     * The requests whose current step waits for the caller's organisation: the staff member's to-do list beside the
     * review tasks (the bureau's step only for bureau staff).
     */
    @Transactional
    public List<CorrectionView> waitingFor(CurrentUser user) {
        if (user.isHolderOnly() || user.organisationId() == null || !actsOnTasks(user)) {
            return List.of();
        }
        List<CorrectionView> waiting = corrections.findWaitingFor(user.organisationId()).stream()
                .filter(c -> c.status() != CorrectionStatus.AT_BUREAU || user.has(Role.BUREAU))
                .map(this::view).toList();
        audit.recordStaffAccess(user, "CORRECTIONS_LISTED", "correction", null, "waiting, results=" + waiting.size());
        return waiting;
    }

    /** An evidence file, for whoever may see the request; staff reading it is audited (it shows personal data). */
    @Transactional
    public CorrectionEvidenceStore.Download evidence(CurrentUser user, long id, long evidenceId) {
        Correction correction = visible(user, id);
        CorrectionEvidenceStore.Download file = evidenceStore.read(correction.id(), evidenceId)
                .orElseThrow(() -> DomainException.notFound("correction.evidence-not-found"));
        if (!user.isHolderOnly()) {
            audit.record(user, "CORRECTION_EVIDENCE_READ", "correction", correction.id(), "evidence=" + evidenceId,
                    null);
        }
        return file;
    }

    /**
     * A decision through the product (the page or {@code POST /api/corrections/{id}/decision}): the caller must be
     * staff of the organisation the open step waits for (the bureau's step needs the bureau role). The task listener
     * then records it, exactly as for a decision made in Camunda Tasklist.
     */
    @Transactional
    public CorrectionView decide(CurrentUser user, long id, String decision, String reason) {
        Correction c = visible(user, id);
        Task task = openStep(c);
        if (task == null) {
            throw DomainException.conflict("correction.already-decided");
        }
        if (!mayDecide(user, c, task)) {
            throw DomainException.forbidden("correction.not-your-step");
        }
        if (task.getAssignee() != null && !task.getAssignee().equals(user.username())) {
            throw DomainException.conflict("task.assigned-to-other");
        }
        check(c, task.getTaskDefinitionKey(), decision, reason);
        Map<String, Object> variables = new HashMap<>();
        variables.put("decision", decision.strip());
        variables.put("decisionReason", reason == null || reason.isBlank() ? null : reason.strip());
        try {
            if (task.getAssignee() == null) {
                tasks.claim(task.getId(), user.username());
            }
            tasks.complete(task.getId(), variables);
        } catch (ProcessEngineException decidedMeanwhile) {
            // Someone else claimed or completed the step between our read and our write (checked above otherwise).
            throw DomainException.conflict("correction.already-decided");
        }
        return view(corrections.findById(id).orElseThrow());
    }

    /** Whether the caller's organisation is the one the request now waits for (the page shows the decision form). */
    public boolean mayDecide(CurrentUser user, long id) {
        Correction c = visible(user, id);
        Task task = openStep(c);
        return task != null && mayDecide(user, c, task);
    }

    /** The step the request waits at, if any. */
    private Task openStep(Correction c) {
        return c.processInstanceId() == null ? null
                : tasks.createTaskQuery().processInstanceId(c.processInstanceId()).active().singleResult();
    }

    private static boolean mayDecide(CurrentUser user, Correction c, Task task) {
        if (user.isHolderOnly()) {
            return false;
        }
        boolean atBureau = BUREAU_TASK.equals(task.getTaskDefinitionKey());
        Long waitingFor = atBureau ? c.bureauId() : c.reviewerOrgId();
        return waitingFor != null && waitingFor.equals(user.organisationId()) && actsOnTasks(user)
                && (!atBureau || user.has(Role.BUREAU));
    }

    /**
     * Records a decision at one of the two steps (the task listener calls this for the product and for Tasklist
     * alike). The approving unit approves or rejects; the bureau approves, rejects or returns to the unit.
     */
    @Transactional
    public void recordDecision(long correctionId, String step, Object decision, Object reason, String actor) {
        Correction c = corrections.findById(correctionId).orElseThrow(() -> DomainException.notFound("correction.not-found"));
        Decision parsed = check(c, step, decision, reason);
        String text = reason == null || reason.toString().isBlank() ? null : reason.toString().strip();
        Certificate certificate = certificates.findById(c.certificateId()).orElseThrow();
        boolean atBureau = BUREAU_TASK.equals(step);
        CorrectionStatus expected = atBureau ? CorrectionStatus.AT_BUREAU : CorrectionStatus.IN_REVIEW;
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        switch (parsed) {
            case APPROVE -> requireMoved(corrections.updateStatus(c.id(), expected,
                    atBureau ? CorrectionStatus.APPROVED : CorrectionStatus.AT_BUREAU, actor, text, now));
            case RETURN -> requireMoved(corrections.updateStatus(c.id(), expected, CorrectionStatus.IN_REVIEW, actor,
                    text, now));
            case REJECT -> {
                requireMoved(corrections.close(c.id(), CorrectionStatus.REJECTED, actor, text, null, now));
                tellHolder(certificate, "notice.correction.rejected", certificate.number(), text);
            }
        }
        Long organisationId = accounts.findByUsername(actor).map(UserAccount::organisationId).orElse(null);
        audit.append(actor, organisationId, "CORRECTION_DECIDED", "correction", c.id(),
                "step=" + step + " decision=" + parsed, text);
    }

    /** The checks of a decision, without writing: a refusal says why in words. */
    private Decision check(Correction c, String step, Object decision, Object reason) {
        Decision parsed = ApplicationProgress.checkDecision(decision, reason);
        boolean atBureau = BUREAU_TASK.equals(step);
        if (parsed == Decision.RETURN && (!atBureau || c.reviewerOrgId() == null)) {
            throw DomainException.badRequest("correction.return-not-allowed");
        }
        if (parsed == Decision.APPROVE) {
            Certificate certificate = certificates.findById(c.certificateId()).orElseThrow();
            if (certificate.status() != CertificateStatus.VALID) {
                throw DomainException.conflict("correction.not-valid",
                        message("certificate.status." + certificate.status()));
            }
            // The ID number may have been taken by another record since the request: check again.
            correctedIdentity(certificate.personId(), changesOf(c));
        }
        return parsed;
    }

    /**
     * Issues the corrected (or reissued) certificate and supersedes the old one: the person's identity corrected
     * where asked, the new certificate made and sealed like any other, the old one's verification then pointing to
     * it. Idempotent (its generation key is the request), so a retried job does not issue twice.
     */
    @Transactional
    public Certificate reissue(long correctionId) {
        Correction c = corrections.findById(correctionId).orElseThrow(() -> new IllegalStateException("correction " + correctionId));
        if (c.status() == CorrectionStatus.REISSUED && c.newCertificateId() != null) {
            return certificates.findById(c.newCertificateId()).orElseThrow();
        }
        if (c.status() != CorrectionStatus.APPROVED) {
            throw new IllegalStateException("correction " + correctionId + " is " + c.status() + ", not approved");
        }
        Certificate old = certificates.findById(c.certificateId()).orElseThrow();
        Map<CorrectableField, String> changes = changesOf(c);
        Identity identity = correctedIdentity(old.personId(), changes);
        if (changes.keySet().stream().anyMatch(CorrectableField::personal)) {
            persons.correctIdentity(old.personId(), identity);
            audit.append(c.decidedBy(), c.bureauId(), "PERSON_CORRECTED", "person", old.personId(),
                    "correction=" + c.id() + " fields=" + c.changedFields(), null);
        }
        CertificateRequest request = new CertificateRequest("correction:" + c.id(), old.applicationId(), old.personId(),
                old.path(), old.reviewType(),
                changes.getOrDefault(CorrectableField.TITLE_SERIES, old.titleSeries()),
                changes.getOrDefault(CorrectableField.TITLE_SPECIALTY, old.titleSpecialty()),
                changes.getOrDefault(CorrectableField.TITLE_NAME, old.titleName()),
                Optional.ofNullable(changes.get(CorrectableField.TITLE_LEVEL)).map(TitleLevel::valueOf)
                        .orElse(old.titleLevel()),
                date(changes.get(CorrectableField.OBTAINED_ON)).orElse(old.obtainedOn()),
                changes.getOrDefault(CorrectableField.REVIEW_BODY_NAME, old.reviewBodyName()),
                changes.getOrDefault(CorrectableField.REPORTING_UNIT_NAME, old.reportingUnitName()),
                changes.getOrDefault(CorrectableField.DECLARING_UNIT_NAME, old.declaringUnitName()),
                old.reviewBodyOrganizerName(),
                changes.getOrDefault(CorrectableField.APPROVING_UNIT_NAME, old.approvingUnitName()),
                changes.getOrDefault(CorrectableField.APPROVAL_DOC_NUMBER, old.approvalDocNumber()),
                date(changes.get(CorrectableField.APPROVAL_DATE)).orElse(old.approvalDate()),
                c.bureauId(), null);
        Certificate fresh = issuer.issue(request, c.decidedBy()).certificate();
        certificates.linkSupersedes(old.id(), fresh.id());
        if (certificates.supersede(old.id(), fresh.id()) != 1) {
            throw new IllegalStateException("certificate " + old.number() + " is no longer valid; it cannot be superseded");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        corrections.close(c.id(), CorrectionStatus.REISSUED, c.decidedBy(), c.decisionReason(), fresh.id(), now);
        audit.append(c.decidedBy(), c.bureauId(), "CERTIFICATE_SUPERSEDED", "certificate", old.number(),
                "correction=" + c.id() + " by=" + fresh.number(), c.reason());
        tellHolder(fresh, "notice.correction.reissued", old.number(), fresh.number());
        return fresh;
    }

    /** Operators watch, they do not decide (as in the review task list). */
    private static boolean actsOnTasks(CurrentUser user) {
        return user.roles().stream().anyMatch(Role::actsOnTasks);
    }

    private Correction visible(CurrentUser user, long id) {
        Correction c = corrections.findById(id).orElseThrow(() -> DomainException.notFound("correction.not-found"));
        Certificate certificate = certificates.findById(c.certificateId()).orElseThrow();
        if (certificateAccess.maySee(user, certificate) || (!user.isHolderOnly() && (covers(user, c.reviewerOrgId())
                || covers(user, c.bureauId())))) {
            return c;
        }
        throw DomainException.notFound("correction.not-found");
    }

    private boolean covers(CurrentUser user, Long organisationId) {
        return organisationId != null
                && organisations.find(organisationId).map(Organisation::treePath).filter(user::covers).isPresent();
    }

    private CorrectionView view(Correction c) {
        Certificate certificate = certificates.findById(c.certificateId()).orElseThrow();
        Map<String, String> shown = new LinkedHashMap<>();
        changesOf(c).forEach((field, value) -> shown.put(field.apiName(),
                field == CorrectableField.ID_NUMBER ? maskedId(value) : value));
        String waitingFor = switch (c.status()) {
            case IN_REVIEW -> name(c.reviewerOrgId());
            case AT_BUREAU, APPROVED -> name(c.bureauId());
            default -> null;
        };
        String newNumber = Optional.ofNullable(c.newCertificateId()).flatMap(certificates::findById)
                .map(Certificate::number).orElse(null);
        return new CorrectionView(c.id(), certificate.number(), c.kind(), c.status(), shown, c.reason(),
                c.requestedBy(), c.createdAt(), waitingFor, c.decidedBy(), c.decisionReason(), c.decidedAt(), newNumber,
                corrections.findEvidence(c.id()));
    }

    private String name(Long organisationId) {
        return organisationId == null ? null : organisations.find(organisationId).map(Organisation::name).orElse(null);
    }

    private static String maskedId(String value) {
        return cn.titlecert.privacy.Masking.idNumber(value);
    }

    private Map<CorrectableField, String> parseChanges(Certificate certificate, Map<String, String> raw) {
        Map<CorrectableField, String> parsed = new LinkedHashMap<>();
        if (raw == null) {
            return parsed;
        }
        if (raw.size() > CorrectableField.values().length) {
            throw DomainException.badRequest("correction.too-many-changes");
        }
        LocalDate today = LocalDate.now(clock.withZone(CertificateIssuer.CHINA));
        Identity current = persons.identityOf(certificate.personId());
        for (Map.Entry<String, String> entry : raw.entrySet()) {
            CorrectableField field = CorrectableField.ofApiName(entry.getKey() == null ? "" : entry.getKey().strip())
                    .orElseThrow(() -> DomainException.badRequest("correction.unknown-field",
                            String.valueOf(entry.getKey())));
            String value = field.normalise(entry.getValue(), today);
            if (field == CorrectableField.ID_NUMBER) {
                value = IdNumber.parse(current.idNumber().type(), value, today).value();
            }
            if (value.equals(currentValue(certificate, current, field))) {
                throw DomainException.badRequest("correction.unchanged", field.apiName());
            }
            parsed.put(field, value);
        }
        return parsed;
    }

    private static String currentValue(Certificate c, Identity person, CorrectableField field) {
        Object value = switch (field) {
            case HOLDER_NAME -> person.name();
            case GENDER -> person.gender();
            case BIRTH_DATE -> person.birthDate();
            case ID_NUMBER -> person.idNumber().value();
            case TITLE_SERIES -> c.titleSeries();
            case TITLE_SPECIALTY -> c.titleSpecialty();
            case TITLE_NAME -> c.titleName();
            case TITLE_LEVEL -> c.titleLevel();
            case OBTAINED_ON -> c.obtainedOn();
            case REVIEW_BODY_NAME -> c.reviewBodyName();
            case REPORTING_UNIT_NAME -> c.reportingUnitName();
            case DECLARING_UNIT_NAME -> c.declaringUnitName();
            case APPROVING_UNIT_NAME -> c.approvingUnitName();
            case APPROVAL_DOC_NUMBER -> c.approvalDocNumber();
            case APPROVAL_DATE -> c.approvalDate();
        };
        return value == null ? null : value.toString();
    }

    /** The identity after the requested changes, checked as a registration would be. */
    private Identity correctedIdentity(long personId, Map<CorrectableField, String> changes) {
        Identity current = persons.identityOf(personId);
        if (changes.keySet().stream().noneMatch(CorrectableField::personal)) {
            return current;
        }
        Identity corrected = new Identity(changes.getOrDefault(CorrectableField.HOLDER_NAME, current.name()),
                Optional.ofNullable(changes.get(CorrectableField.GENDER)).map(Gender::valueOf).orElse(current.gender()),
                date(changes.get(CorrectableField.BIRTH_DATE)).orElse(current.birthDate()),
                Optional.ofNullable(changes.get(CorrectableField.ID_NUMBER))
                        .map(v -> new IdNumber(current.idNumber().type(), v)).orElse(current.idNumber()));
        return persons.checkCorrectedIdentity(personId, corrected);
    }

    private String encrypt(Map<CorrectableField, String> changes) {
        if (changes.isEmpty()) {
            return null;
        }
        Map<String, String> byName = new LinkedHashMap<>();
        changes.forEach((field, value) -> byName.put(field.apiName(), value));
        try {
            return cipher.encrypt(CHANGES_FIELD, json.writeValueAsString(byName));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<CorrectableField, String> changesOf(Correction c) {
        Map<CorrectableField, String> changes = new LinkedHashMap<>();
        if (c.changesEnc() == null) {
            return changes;
        }
        try {
            Map<String, String> byName = json.readValue(cipher.decrypt(CHANGES_FIELD, c.changesEnc()),
                    new TypeReference<LinkedHashMap<String, String>>() {
                    });
            byName.forEach((name, value) -> changes.put(CorrectableField.ofApiName(name).orElseThrow(), value));
            return changes;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("correction " + c.id() + " has unreadable changes", e);
        }
    }

    private void tellHolder(Certificate certificate, String key, Object... args) {
        Object[] all = new Object[args.length + 1];
        all[0] = certificate.holderName();
        System.arraycopy(args, 0, all, 1, args.length);
        persons.phoneOf(certificate.personId()).ifPresent(phone -> notifications.sms(phone.value(),
                "CORRECTION", message(key, all)));
    }

    private static CorrectionKind parseKind(String kind) {
        if (kind == null || kind.isBlank()) {
            return CorrectionKind.CORRECTION;
        }
        try {
            return CorrectionKind.valueOf(kind.strip());
        } catch (IllegalArgumentException e) {
            throw DomainException.badRequest("correction.kind-unknown", kind.strip());
        }
    }


    private static Optional<LocalDate> date(String value) {
        return Optional.ofNullable(value).map(LocalDate::parse);
    }

    private static void requireMoved(int updated) {
        if (updated != 1) {
            throw DomainException.conflict("correction.already-decided");
        }
    }

    private String message(String key, Object... args) {
        return messages.getMessage(key, args, key, TEXT);
    }

    /** The API names of the fields a correction may change, in the order the page lists them. */
    public static List<String> fieldNames() {
        List<String> names = new ArrayList<>();
        for (CorrectableField f : CorrectableField.values()) {
            names.add(f.apiName());
        }
        return names;
    }
}
