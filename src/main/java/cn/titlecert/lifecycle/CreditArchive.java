package cn.titlecert.lifecycle;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.titlecert.audit.AuditTrail;
import cn.titlecert.certificate.Certificate;
import cn.titlecert.certificate.CertificateIssuer;
import cn.titlecert.certificate.CertificateMapper;
import cn.titlecert.certificate.CertificateStatus;
import cn.titlecert.certificate.PdfSignatureCheck;
import cn.titlecert.error.DomainException;
import cn.titlecert.organisation.Organisation;
import cn.titlecert.organisation.OrganisationService;
import cn.titlecert.person.IdNumber;
import cn.titlecert.person.IdType;
import cn.titlecert.person.Person;
import cn.titlecert.person.PersonMapper;
import cn.titlecert.person.PersonService;
import cn.titlecert.persistence.GeneratedKey;
import cn.titlecert.privacy.PersonalDataCipher;
import cn.titlecert.security.CurrentUser;
import cn.titlecert.security.Role;

/**
 * The credit archive (诚信档案, R19): misuse found true is recorded against a person by the issuing bureau, or by a
 * committee's organizing unit or supervisory department for the people in its scope. The recording organisation
 * (and the bureau above it, or over the person) reads and changes its records; the person reads their own.
 * Nothing is deleted: an amendment or a withdrawal is a new act, with a reason, in the record's history and in
 * the audit trail. Staff reads are audited too; facts and evidence are stored encrypted.
 */
@Service
public class CreditArchive {

    static final String FACTS_FIELD = "credit_record.facts";
    static final String EVIDENCE_FIELD = "credit_evidence.content";
    static final int MAX_FACTS = 2000;
    static final int MAX_REFERENCE = 500;
    static final int MAX_REASON = 1000;
    static final int MAX_RECORD_YEARS = 50;
    static final int MAX_PAGE = 200;
    private static final Set<Role> RECORDERS = EnumSet.of(Role.BUREAU, Role.COMMITTEE, Role.SUPERVISOR);

    private final CreditRecordMapper records;
    private final PersonService persons;
    private final PersonMapper personRows;
    private final CertificateMapper certificates;
    private final OrganisationService organisations;
    private final PersonalDataCipher cipher;
    private final AuditTrail audit;
    private final CreditArchiveProperties properties;
    private final Clock clock;
    private final RevocationRecommendations recommendations;

    public CreditArchive(CreditRecordMapper records, PersonService persons, PersonMapper personRows,
            CertificateMapper certificates, OrganisationService organisations, PersonalDataCipher cipher,
            AuditTrail audit, CreditArchiveProperties properties, Clock clock,
            RevocationRecommendations recommendations) {
        this.recommendations = recommendations;
        this.records = records;
        this.persons = persons;
        this.personRows = personRows;
        this.certificates = certificates;
        this.organisations = organisations;
        this.cipher = cipher;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
    }

    /** The person by id, or by ID number (found through its keyed hash); the ID type defaults to resident ID. */
    public record PersonRef(Long personId, IdType idType, String idNumber) {
    }

    public record NewRecord(PersonRef person, CreditRecordKind kind, String certificateNumber, String facts,
            String evidenceReference, CreditDecision decision, Integer recordYears, LocalDate decidedOn) {
    }

    /** Only the fields given change; {@code reason} is required. */
    public record Amendment(CreditRecordKind kind, String certificateNumber, String facts, String evidenceReference,
            CreditDecision decision, Integer recordYears, LocalDate decidedOn, String reason) {
    }

    /** An uploaded file as received: its name as the client sent it, its size, and (once checked) its bytes. */
    public record EvidenceFile(String fileName, long size, java.util.function.Supplier<byte[]> bytes) {
    }

    public record RecordView(long id, long personId, String personName, String idNumber, CreditRecordKind kind,
            String certificateNumber, String facts, String evidenceReference, CreditDecision decision,
            Integer recordYears, LocalDate decidedOn, LocalDate recordedUntil, CreditRecordStatus status,
            long organisationId, String organisationName, String recordedBy, Instant recordedAt, Instant updatedAt,
            String withdrawnReason, List<CreditEvidence> evidence, List<CreditRecordEvent> history) {
    }

    public record EvidenceContent(CreditEvidence evidence, byte[] content) {
    }

    /** Whether the user is staff who may record misuse at all (for pages and early refusals). */
    public static boolean mayRecord(CurrentUser user) {
        return user != null && RECORDERS.stream().anyMatch(user::has);
    }

    /** Whether the user may read the archive at all: recorders, administrators, and holders for themselves. */
    public static boolean mayRead(CurrentUser user) {
        return user != null && (mayRecord(user) || user.isAdmin() || user.isHolderOnly());
    }

    @Transactional
    public RecordView record(CurrentUser user, NewRecord request, List<EvidenceFile> files) {
        if (!mayRecord(user)) {
            throw DomainException.forbidden("forbidden");
        }
        if (request.person() == null
                || request.person().personId() == null && blank(request.person().idNumber())) {
            throw DomainException.badRequest("credit.person-required");
        }
        requireFields(request.kind(), request.facts(), request.evidenceReference(), request.decision(),
                request.recordYears(), request.decidedOn());
        List<CheckedFile> evidence = check(files);
        if (blank(request.evidenceReference()) && evidence.isEmpty()) {
            throw DomainException.badRequest("credit.evidence-required");
        }
        Person person = resolve(user, request.person());
        Long certificateId = certificateOf(person, request.certificateNumber());
        requireCertificateForRevocation(request.decision(), certificateId);
        Instant now = now();
        GeneratedKey key = new GeneratedKey();
        records.insert(new CreditRecordRow(null, person.id(), certificateId, null, request.kind(),
                cipher.encrypt(FACTS_FIELD, request.facts().strip()), blankToNull(request.evidenceReference()),
                request.decision(), yearsFor(request.decision(), request.recordYears()), request.decidedOn(),
                CreditRecordStatus.ACTIVE, user.organisationId(), null, user.username(), now, now, null), key);
        long id = key.value();
        records.insertEvent(id, "RECORDED", null, null, user.username(), user.organisationId(), now);
        audit.record(user, "CREDIT_RECORDED", "credit_record", id, "person=" + person.id() + ", kind="
                + request.kind() + ", decision=" + request.decision()
                + (certificateId == null ? "" : ", certificate=" + request.certificateNumber().strip()), null);
        store(user, id, evidence, now);
        if (request.decision() == CreditDecision.REVOCATION_RECOMMENDED) {
            recommendRevocation(user, id, certificateId, request.kind());
        }
        return view(user, records.findById(id).orElseThrow(), true);
    }

    /**
     * Revoking is the issuing bureau's act: a recommendation to revoke must say which certificate, and one the bureau
     * can still revoke (a valid one; a superseded certificate's successor is the one to name).
     */
    private void requireCertificateForRevocation(CreditDecision decision, Long certificateId) {
        if (decision != CreditDecision.REVOCATION_RECOMMENDED) {
            return;
        }
        if (certificateId == null) {
            throw DomainException.badRequest("credit.certificate-required");
        }
        if (certificates.findById(certificateId).map(Certificate::status).orElse(null) != CertificateStatus.VALID) {
            throw DomainException.badRequest("credit.certificate-not-revocable");
        }
    }

    private void withdrawRecommendation(CurrentUser user, long recordId, long certificateId, String reason) {
        Certificate certificate = certificates.findById(certificateId).orElseThrow();
        int told = recommendations.tellWithdrawn(user, recordId, certificate, reason);
        audit.record(user, "CREDIT_REVOCATION_RECOMMENDATION_WITHDRAWN", "certificate", certificate.number(),
                "creditRecord=" + recordId + ", bureauStaffNotified=" + told, reason);
    }

    private void recommendRevocation(CurrentUser user, long recordId, long certificateId, CreditRecordKind kind) {
        Certificate certificate = certificates.findById(certificateId).orElseThrow();
        int told = recommendations.tellIssuingBureau(user, recordId, certificate, kind);
        audit.record(user, "CREDIT_REVOCATION_RECOMMENDED", "certificate", certificate.number(),
                "creditRecord=" + recordId + ", bureauStaffNotified=" + told, null);
    }

    @Transactional
    public RecordView amend(CurrentUser user, long id, Amendment change) {
        CreditRecordRow row = requireChangeable(user, id);
        if (blank(change.reason())) {
            throw DomainException.badRequest("credit.reason-required");
        }
        if (change.reason().length() > MAX_REASON) {
            throw DomainException.badRequest("credit.reason-too-long", MAX_REASON);
        }
        CreditRecordKind kind = Optional.ofNullable(change.kind()).orElse(row.kind());
        String facts = change.facts() == null ? cipher.decrypt(FACTS_FIELD, row.factsEnc()) : change.facts();
        String reference = change.evidenceReference() == null ? row.evidenceReference() : change.evidenceReference();
        CreditDecision decision = Optional.ofNullable(change.decision()).orElse(row.decision());
        Integer years = change.recordYears() == null ? row.recordYears() : change.recordYears();
        LocalDate decidedOn = Optional.ofNullable(change.decidedOn()).orElse(row.decidedOn());
        requireFields(kind, facts, reference, decision, years, decidedOn);
        if (blank(reference) && records.findEvidence(id).isEmpty()) {
            throw DomainException.badRequest("credit.evidence-required");
        }
        Person person = persons.find(row.personId()).orElseThrow();
        Long certificateId = change.certificateNumber() == null ? row.certificateId()
                : certificateOf(person, change.certificateNumber());
        boolean sameRecommendation = decision == CreditDecision.REVOCATION_RECOMMENDED
                && row.decision() == CreditDecision.REVOCATION_RECOMMENDED
                && Objects.equals(certificateId, row.certificateId());
        if (!sameRecommendation) {
            // A recommendation already made stays amendable after the bureau has acted on it (revoked the certificate).
            requireCertificateForRevocation(decision, certificateId);
        }
        years = yearsFor(decision, years);
        String factsEnc = change.facts() == null ? row.factsEnc() : cipher.encrypt(FACTS_FIELD, facts.strip());
        List<String> changed = new ArrayList<>();
        if (kind != row.kind()) {
            changed.add("kind");
        }
        if (change.facts() != null && !facts.strip().equals(cipher.decrypt(FACTS_FIELD, row.factsEnc()))) {
            changed.add("facts");
        }
        if (!Objects.equals(blankToNull(reference), row.evidenceReference())) {
            changed.add("evidenceReference");
        }
        if (decision != row.decision()) {
            changed.add("decision");
        }
        if (!Objects.equals(years, row.recordYears())) {
            changed.add("recordYears");
        }
        if (!decidedOn.equals(row.decidedOn())) {
            changed.add("decidedOn");
        }
        if (!Objects.equals(certificateId, row.certificateId())) {
            changed.add("certificate");
        }
        if (changed.isEmpty()) {
            throw DomainException.badRequest("credit.nothing-changed");
        }
        Instant now = now();
        records.update(new CreditRecordRow(id, row.personId(), certificateId, null, kind, factsEnc,
                blankToNull(reference), decision, years, decidedOn, row.status(), row.organisationId(), null,
                row.recordedBy(), row.recordedAt(), now, row.withdrawnReason()));
        String fields = String.join(",", changed);
        records.insertEvent(id, "AMENDED", fields, change.reason().strip(), user.username(), user.organisationId(), now);
        audit.record(user, "CREDIT_RECORD_AMENDED", "credit_record", id, "person=" + row.personId() + ", fields="
                + fields + ", kind=" + kind + ", decision=" + decision, change.reason().strip());
        boolean wasRecommended = row.decision() == CreditDecision.REVOCATION_RECOMMENDED && row.certificateId() != null;
        if (wasRecommended && !sameRecommendation) {
            // The bureau told to revoke the former certificate is told that it is no longer asked to.
            withdrawRecommendation(user, id, row.certificateId(), change.reason().strip());
        }
        if (decision == CreditDecision.REVOCATION_RECOMMENDED && !sameRecommendation) {
            // Newly recommended, or for another certificate: that certificate's bureau is told.
            recommendRevocation(user, id, certificateId, kind);
        }
        return view(user, records.findById(id).orElseThrow(), true);
    }

    @Transactional
    public RecordView withdraw(CurrentUser user, long id, String reason) {
        CreditRecordRow row = requireChangeable(user, id);
        if (blank(reason)) {
            throw DomainException.badRequest("credit.reason-required");
        }
        if (reason.length() > MAX_REASON) {
            throw DomainException.badRequest("credit.reason-too-long", MAX_REASON);
        }
        Instant now = now();
        records.update(new CreditRecordRow(id, row.personId(), row.certificateId(), null, row.kind(), row.factsEnc(),
                row.evidenceReference(), row.decision(), row.recordYears(), row.decidedOn(),
                CreditRecordStatus.WITHDRAWN, row.organisationId(), null, row.recordedBy(), row.recordedAt(), now,
                reason.strip()));
        records.insertEvent(id, "WITHDRAWN", null, reason.strip(), user.username(), user.organisationId(), now);
        audit.record(user, "CREDIT_RECORD_WITHDRAWN", "credit_record", id, "person=" + row.personId(), reason.strip());
        if (row.decision() == CreditDecision.REVOCATION_RECOMMENDED && row.certificateId() != null) {
            withdrawRecommendation(user, id, row.certificateId(), reason.strip());
        }
        return view(user, records.findById(id).orElseThrow(), true);
    }

    @Transactional
    public RecordView addEvidence(CurrentUser user, long id, List<EvidenceFile> files) {
        CreditRecordRow row = requireChangeable(user, id);
        List<CheckedFile> evidence = check(files);
        if (evidence.isEmpty()) {
            throw DomainException.badRequest("credit.evidence-file-required");
        }
        Instant now = now();
        store(user, id, evidence, now);
        records.insertEvent(id, "EVIDENCE_ADDED", null, null, user.username(), user.organisationId(), now);
        return view(user, records.findById(row.id()).orElseThrow(), true);
    }

    /** Records the user may see, newest first; a staff member's read is audited. */
    @Transactional
    public List<RecordView> list(CurrentUser user, PersonRef person, CreditRecordStatus status, int page, int size) {
        if (!mayRead(user)) {
            throw DomainException.forbidden("forbidden");
        }
        int limit = Math.max(1, Math.min(size, MAX_PAGE));
        int offset = Math.max(0, page) * limit;
        Long personId = person == null ? null : person.personId();
        if (person != null && personId == null && !blank(person.idNumber())) {
            IdNumber idNumber = IdNumber.parse(person.idType() == null ? IdType.RESIDENT_ID : person.idType(),
                    person.idNumber(), LocalDate.now(clock));
            Optional<Person> found = persons.findByIdNumber(idNumber);
            if (found.isEmpty()) {
                return List.of();
            }
            personId = found.get().id();
        }
        if (user.isHolderOnly()) {
            if (user.personId() == null || personId != null && !personId.equals(user.personId())) {
                return List.of();
            }
            return records.find(user.personId(), status, null, false, limit, offset).stream()
                    .map(r -> view(user, r, false)).toList();
        }
        String scope = user.isAdmin() ? null : user.scopePath();
        List<RecordView> found = records.find(personId, status, scope, user.has(Role.BUREAU), limit, offset).stream()
                .map(r -> view(user, r, false)).toList();
        audit.record(user, "CREDIT_RECORDS_LISTED", "credit_record", null,
                "person=" + personId + ", status=" + status + ", page=" + page + ", results=" + found.size(), null);
        return found;
    }

    @Transactional
    public RecordView one(CurrentUser user, long id) {
        CreditRecordRow row = requireVisible(user, id);
        if (!user.isHolderOnly()) {
            audit.record(user, "CREDIT_RECORD_VIEWED", "credit_record", id, "person=" + row.personId(), null);
        }
        return view(user, row, true);
    }

    /** An evidence file: for staff who see the record, audited. */
    @Transactional
    public EvidenceContent evidence(CurrentUser user, long id, long evidenceId) {
        if (user.isHolderOnly()) {
            throw DomainException.notFound("credit.not-found");
        }
        CreditRecordRow row = requireVisible(user, id);
        CreditEvidence meta = records.findEvidence(id).stream().filter(e -> e.id() == evidenceId).findFirst()
                .orElseThrow(() -> DomainException.notFound("credit.evidence-not-found"));
        byte[] content = records.findEvidenceContent(id, evidenceId).map(b -> cipher.decryptBytes(EVIDENCE_FIELD, b))
                .orElseThrow(() -> DomainException.notFound("credit.evidence-not-found"));
        audit.record(user, "CREDIT_EVIDENCE_VIEWED", "credit_record", id,
                "person=" + row.personId() + ", evidence=" + evidenceId, null);
        return new EvidenceContent(meta, content);
    }

    private CreditRecordRow requireVisible(CurrentUser user, long id) {
        if (!mayRead(user)) {
            throw DomainException.forbidden("forbidden");
        }
        return records.findById(id).filter(r -> maySee(user, r))
                .orElseThrow(() -> DomainException.notFound("credit.not-found"));
    }

    private CreditRecordRow requireChangeable(CurrentUser user, long id) {
        if (!mayRecord(user)) {
            throw DomainException.forbidden("forbidden");
        }
        records.lockById(id);
        CreditRecordRow row = records.findById(id).filter(r -> maySee(user, r))
                .orElseThrow(() -> DomainException.notFound("credit.not-found"));
        if (row.status() == CreditRecordStatus.WITHDRAWN) {
            throw DomainException.conflict("credit.withdrawn");
        }
        return row;
    }

    private boolean maySee(CurrentUser user, CreditRecordRow row) {
        if (user.isHolderOnly()) {
            return user.personId() != null && user.personId() == row.personId();
        }
        if (user.isAdmin()) {
            return true;
        }
        if (!mayRecord(user)) {
            return false;
        }
        boolean ownOrBelow = organisations.find(row.organisationId()).map(Organisation::treePath)
                .filter(user::covers).isPresent();
        return ownOrBelow || user.has(Role.BUREAU) && bureauReaches(user, row.personId());
    }

    /** The bureau reads every record of the people employed in its tree, or whose cases it issues. */
    private boolean bureauReaches(CurrentUser user, long personId) {
        String scope = user.scopePath();
        return scope != null
                && (personRows.isEmployedWithin(personId, scope) || personRows.hasApplicationIssuedWithin(personId, scope));
    }

    /**
     * Whom the user may record misuse against: the people employed in its scope, the bureau's also those whose cases
     * it issues, and anyone whose application a review body in its scope reviewed (misuse found in that review). A
     * record made this way is the recorder's own; it opens none of the person's other records (see {@link #maySee}).
     */
    private boolean mayRecordAgainst(CurrentUser user, long personId) {
        String scope = user.scopePath();
        if (scope == null) {
            return false;
        }
        return personRows.isEmployedWithin(personId, scope)
                || personRows.hasApplicationReviewedWithin(personId, scope, false)
                || user.has(Role.BUREAU) && personRows.hasApplicationIssuedWithin(personId, scope);
    }

    private Person resolve(CurrentUser user, PersonRef ref) {
        Optional<Person> person;
        if (ref.personId() != null) {
            person = persons.find(ref.personId());
        } else {
            IdNumber idNumber = IdNumber.parse(ref.idType() == null ? IdType.RESIDENT_ID : ref.idType(),
                    ref.idNumber(), LocalDate.now(clock));
            person = persons.findByIdNumber(idNumber);
        }
        // Unknown and out of scope answer the same, so the archive does not tell who is registered.
        return person.filter(p -> mayRecordAgainst(user, p.id()))
                .orElseThrow(() -> DomainException.notFound("credit.person-not-found"));
    }

    private Long certificateOf(Person person, String number) {
        if (blank(number)) {
            return null;
        }
        return certificates.findByNumber(number.strip()).filter(c -> c.personId() == person.id()).map(Certificate::id)
                .orElseThrow(() -> DomainException.badRequest("credit.certificate-mismatch"));
    }

    private void requireFields(CreditRecordKind kind, String facts, String reference, CreditDecision decision,
            Integer years, LocalDate decidedOn) {
        if (kind == null) {
            throw DomainException.badRequest("credit.kind-required");
        }
        if (blank(facts)) {
            throw DomainException.badRequest("credit.facts-required");
        }
        if (facts.strip().length() > MAX_FACTS) {
            throw DomainException.badRequest("credit.facts-too-long", MAX_FACTS);
        }
        if (reference != null && reference.strip().length() > MAX_REFERENCE) {
            throw DomainException.badRequest("credit.evidence-reference-too-long", MAX_REFERENCE);
        }
        if (decision == null) {
            throw DomainException.badRequest("credit.decision-required");
        }
        if (decision == CreditDecision.CREDIT_RECORD && (years == null || years < 1 || years > MAX_RECORD_YEARS)) {
            throw DomainException.badRequest("credit.record-years", MAX_RECORD_YEARS);
        }
        if (decidedOn == null) {
            throw DomainException.badRequest("credit.decided-on-required");
        }
        if (decidedOn.isAfter(LocalDate.now(clock.withZone(CertificateIssuer.CHINA)))) {
            throw DomainException.badRequest("credit.decided-on-future");
        }
    }

    /** Years are a term of a credit record only; other decisions have none. */
    private static Integer yearsFor(CreditDecision decision, Integer years) {
        return decision == CreditDecision.CREDIT_RECORD ? years : null;
    }

    private record CheckedFile(String fileName, String contentType, byte[] content) {
    }

    /** Every file checked (count, size, type by its bytes) before anything is stored. */
    private List<CheckedFile> check(List<EvidenceFile> files) {
        List<EvidenceFile> given = files == null ? List.of()
                : files.stream().filter(f -> f != null && f.size() > 0).toList();
        if (given.size() > properties.evidenceMaxFiles()) {
            throw DomainException.badRequest("credit.evidence-too-many", properties.evidenceMaxFiles());
        }
        List<CheckedFile> checked = new ArrayList<>();
        for (EvidenceFile file : given) {
            if (file.size() > properties.evidenceMaxBytes()) {
                throw DomainException.badRequest("credit.evidence-too-large", properties.evidenceMaxBytes() / 1024 / 1024);
            }
            byte[] bytes = file.bytes().get();
            if (bytes.length > properties.evidenceMaxBytes()) {
                throw DomainException.badRequest("credit.evidence-too-large", properties.evidenceMaxBytes() / 1024 / 1024);
            }
            String type = EvidenceFiles.contentType(bytes)
                    .orElseThrow(() -> DomainException.badRequest("credit.evidence-type"));
            checked.add(new CheckedFile(safeName(file.fileName(), type), type, bytes));
        }
        return checked;
    }

    private void store(CurrentUser user, long recordId, List<CheckedFile> files, Instant now) {
        for (CheckedFile file : files) {
            GeneratedKey key = new GeneratedKey();
            String sha256 = PdfSignatureCheck.sha256(file.content());
            records.insertEvidence(recordId, file.fileName(), file.contentType(), file.content().length, sha256,
                    cipher.encryptBytes(EVIDENCE_FIELD, file.content()), user.username(), now, key);
            audit.record(user, "CREDIT_EVIDENCE_ADDED", "credit_record", recordId, "evidence=" + key.value()
                    + ", type=" + file.contentType() + ", bytes=" + file.content().length + ", sha256=" + sha256, null);
        }
    }

    /** The last segment of the client's file name, without control characters, with the extension its type has. */
    static String safeName(String name, String type) {
        String base = EvidenceFiles.baseName(name).replace("\"", "").strip();
        String extension = switch (type) {
            case "application/pdf" -> ".pdf";
            case "image/jpeg" -> ".jpg";
            default -> ".png";
        };
        if (base.isEmpty()) {
            base = "evidence";
        }
        if (!base.toLowerCase(java.util.Locale.ROOT).endsWith(extension)
                && !(extension.equals(".jpg") && base.toLowerCase(java.util.Locale.ROOT).endsWith(".jpeg"))) {
            base = base + extension;
        }
        return base.length() > 200 ? base.substring(base.length() - 200) : base;
    }

    private RecordView view(CurrentUser user, CreditRecordRow row, boolean details) {
        Person person = persons.find(row.personId()).orElseThrow();
        boolean staff = !user.isHolderOnly();
        LocalDate until = row.recordYears() == null ? null : row.decidedOn().plusYears(row.recordYears());
        return new RecordView(row.id(), row.personId(), person.name(), person.idNumberMasked(), row.kind(),
                row.certificateNumber(), cipher.decrypt(FACTS_FIELD, row.factsEnc()), row.evidenceReference(),
                row.decision(), row.recordYears(), row.decidedOn(), until, row.status(), row.organisationId(),
                row.organisationName(), staff ? row.recordedBy() : null, row.recordedAt(), row.updatedAt(),
                row.withdrawnReason(), details && staff ? records.findEvidence(row.id()) : List.of(),
                details && staff ? records.findEvents(row.id()) : List.of());
    }

    private Instant now() {
        return clock.instant();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String blankToNull(String value) {
        return blank(value) ? null : value.strip();
    }
}
