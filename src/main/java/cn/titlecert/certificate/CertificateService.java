package cn.titlecert.certificate;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.titlecert.audit.AuditTrail;
import cn.titlecert.error.DomainException;
import cn.titlecert.organisation.Organisation;
import cn.titlecert.organisation.OrganisationService;
import cn.titlecert.person.PersonService;
import cn.titlecert.privacy.PersonalDataCipher;
import cn.titlecert.security.CurrentUser;

/**
 * Who may see which certificate: a holder their own (once released, R7), staff those of people employed in
 * their part of the organisation tree. Anything else answers "not found", so its existence does not leak.
 */
@Service
@Transactional(readOnly = true)
public class CertificateService {

    static final int MAX_PAGE = 200;

    private final CertificateMapper certificates;
    private final PersonService persons;
    private final OrganisationService organisations;
    private final Clock clock;
    private final PersonalDataCipher cipher;
    private final AuditTrail audit;

    public CertificateService(CertificateMapper certificates, PersonService persons, OrganisationService organisations,
            Clock clock, PersonalDataCipher cipher, AuditTrail audit) {
        this.cipher = cipher;
        this.audit = audit;
        this.certificates = certificates;
        this.persons = persons;
        this.organisations = organisations;
        this.clock = clock;
    }

    /** What the user may see; a staff member's list (holders' names and titles) is audited. */
    @Transactional
    public List<Certificate> visibleTo(CurrentUser user, int limit, int offset) {
        int size = Math.max(1, Math.min(limit, MAX_PAGE));
        if (user.isHolderOnly()) {
            return user.personId() == null ? List.of()
                    // Before release day (R7) the holder sees the certificate as pending, without the file.
                    : certificates.findByPerson(user.personId()).stream().skip(Math.max(0, offset)).limit(size).toList();
        }
        // Staff without a place in the tree see nothing (on H2, CONCAT(NULL, '%') would match every row).
        List<Certificate> found = user.scopePath() == null ? List.of()
                : certificates.findInScope(user.scopePath(), size, Math.max(0, offset));
        audit.recordStaffAccess(user, "CERTIFICATES_LISTED", "certificate", null,
                "offset=" + offset + ", results=" + found.size());
        return found;
    }

    /** Certificates flagged for rare characters (R12) in the staff member's scope: the review body annotates them. */
    @Transactional
    public List<Certificate> flaggedForAnnotation(CurrentUser user, int limit, int offset) {
        if (user.isHolderOnly() || user.scopePath() == null) {
            return List.of();
        }
        List<Certificate> found = certificates.findFlaggedInScope(user.scopePath(), Math.max(1, Math.min(limit, MAX_PAGE)),
                Math.max(0, offset));
        audit.recordStaffAccess(user, "CERTIFICATES_LISTED", "certificate", null,
                "rareCharacters=true, offset=" + offset + ", results=" + found.size());
        return found;
    }

    /** One certificate as its holder or staff in scope read it; a staff member's read is audited. */
    @Transactional
    public Certificate view(CurrentUser user, String number) {
        Certificate found = find(user, number);
        audit.recordStaffAccess(user, "CERTIFICATE_VIEWED", "certificate", number, "person=" + found.personId());
        return found;
    }

    /** The signed PDF; a staff member's download is audited. */
    @Transactional
    public byte[] download(CurrentUser user, String number) {
        byte[] pdf = pdf(user, number);
        audit.recordStaffAccess(user, "CERTIFICATE_PDF_DOWNLOADED", "certificate", number, null);
        return pdf;
    }

    public Certificate find(CurrentUser user, String number) {
        return certificates.findByNumber(number).filter(c -> maySee(user, c))
                .orElseThrow(() -> DomainException.notFound("certificate.not-found"));
    }

    public byte[] pdf(CurrentUser user, String number) {
        Certificate certificate = find(user, number);
        if (user.isHolderOnly() && !released(certificate)) {
            throw DomainException.forbidden("certificate.not-released", certificate.releaseOn().toString());
        }
        if (certificates.isImported(certificate.number())) {
            // A historical paper certificate's record (R18, Guizhou): verifiable, but there is no file to hand out.
            throw DomainException.conflict("certificate.historical-record");
        }
        return certificates.findPdf(certificate.number())
                .map(stored -> cipher.decryptBytes(CertificateIssuer.PDF_FIELD, stored))
                .orElseThrow(() -> DomainException.notFound("certificate.not-found"));
    }

    /** Whether the user may see this certificate (what {@link #find} checks), answered without an exception. */
    public boolean maySee(CurrentUser user, Certificate certificate) {
        if (user.isHolderOnly()) {
            return user.personId() != null && user.personId() == certificate.personId();
        }
        Optional<Long> employer = persons.find(certificate.personId()).map(p -> p.employerId());
        return employer.flatMap(organisations::find).map(Organisation::treePath).filter(user::covers).isPresent()
                // the authority that issued it (or imported its paper record) sees it, employed anywhere or nowhere
                || Optional.ofNullable(certificate.issuingOrgId()).flatMap(organisations::find)
                        .map(Organisation::treePath).filter(user::covers).isPresent();
    }

    /** Whether holders may download it: from its release day on (R7: the 15th of the following month). */
    public boolean released(Certificate certificate) {
        return certificate.releaseOn() == null || !certificate.releaseOn().isAfter(today());
    }

    /** Today in China, where release dates (R7) are counted. */
    public LocalDate today() {
        return LocalDate.now(clock.withZone(CertificateIssuer.CHINA));
    }
}
