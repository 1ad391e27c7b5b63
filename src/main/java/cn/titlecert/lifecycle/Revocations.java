package cn.titlecert.lifecycle;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.titlecert.audit.AuditTrail;
import cn.titlecert.certificate.Certificate;
import cn.titlecert.certificate.CertificateMapper;
import cn.titlecert.certificate.CertificateStatus;
import cn.titlecert.error.DomainException;
import cn.titlecert.notification.Notifications;
import cn.titlecert.organisation.Organisation;
import cn.titlecert.organisation.OrganisationService;
import cn.titlecert.person.PersonService;
import cn.titlecert.security.CurrentUser;
import cn.titlecert.security.Role;

/**
 * Revocation (作废, R16) by the issuing bureau, with a reason and a remark, and its only undo: a reinstatement,
 * which is its own audited act with its own reason. Verification reads the status live, so a revoked certificate
 * (and every annotated copy of it) verifies as revoked from the moment this commits. The holder is told.
 */
@Service
public class Revocations {

    /** Remarks and reasons of revocations and corrections: the longest a person writes (the columns hold more). */
    static final int MAX_TEXT = 500;
    private static final Locale TEXT = Locale.SIMPLIFIED_CHINESE;

    private final CertificateMapper certificates;
    private final CorrectionMapper corrections;
    private final OrganisationService organisations;
    private final PersonService persons;
    private final Notifications notifications;
    private final AuditTrail audit;
    private final MessageSource messages;
    private final Clock clock;

    public Revocations(CertificateMapper certificates, CorrectionMapper corrections, OrganisationService organisations,
            PersonService persons,
            Notifications notifications, AuditTrail audit, MessageSource messages, Clock clock) {
        this.certificates = certificates;
        this.corrections = corrections;
        this.organisations = organisations;
        this.persons = persons;
        this.notifications = notifications;
        this.audit = audit;
        this.messages = messages;
        this.clock = clock;
    }

    @Transactional
    public Certificate revoke(CurrentUser user, String number, String reason, String remark) {
        Certificate certificate = issuedInScope(user, number);
        RevocationReason why = parseReason(reason);
        String text = requiredText(remark, "revocation.remark-required");
        if (certificate.status() != CertificateStatus.VALID) {
            throw DomainException.conflict("revocation.not-valid", statusLabel(certificate.status()));
        }
        // An approved correction is about to replace it: revoking now would leave that reissue unable to finish.
        if (corrections.findByCertificate(certificate.id()).stream()
                .anyMatch(c -> c.status() == CorrectionStatus.APPROVED)) {
            throw DomainException.conflict("revocation.reissue-pending");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        if (certificates.revokeFor(certificate.number(), now, user.username(), why.name(), text) != 1) {
            // Another request revoked or superseded it between the read and the update.
            throw DomainException.conflict("revocation.not-valid",
                    statusLabel(certificates.findByNumber(certificate.number()).orElseThrow().status()));
        }
        audit.record(user, "CERTIFICATE_REVOKED", "certificate", certificate.number(), "reason=" + why, text);
        persons.phoneOf(certificate.personId()).ifPresent(phone -> notifications.sms(phone.value(),
                "CERTIFICATE_REVOKED", message("notice.revoked.holder", certificate.holderName(),
                        certificate.titleName(), certificate.number(), text)));
        return certificates.findByNumber(certificate.number()).orElseThrow();
    }

    @Transactional
    public Certificate reinstate(CurrentUser user, String number, String reason) {
        Certificate certificate = issuedInScope(user, number);
        String text = requiredText(reason, "reinstatement.reason-required");
        if (certificate.status() != CertificateStatus.REVOKED
                || certificates.reinstate(certificate.number(), clock.instant().truncatedTo(ChronoUnit.SECONDS),
                        user.username(), text) != 1) {
            throw DomainException.conflict("reinstatement.not-revoked");
        }
        audit.record(user, "CERTIFICATE_REINSTATED", "certificate", certificate.number(), null, text);
        persons.phoneOf(certificate.personId()).ifPresent(phone -> notifications.sms(phone.value(),
                "CERTIFICATE_REINSTATED", message("notice.reinstated.holder", certificate.holderName(),
                        certificate.titleName(), certificate.number())));
        return certificates.findByNumber(certificate.number()).orElseThrow();
    }

    /** Only the issuing bureau (or a bureau above it) acts on a certificate; to anyone else it does not exist. */
    private Certificate issuedInScope(CurrentUser user, String number) {
        if (!user.has(Role.BUREAU)) {
            throw DomainException.forbidden("revocation.bureau-only");
        }
        Certificate certificate = certificates.findByNumber(number == null ? "" : number.strip())
                .orElseThrow(() -> DomainException.notFound("certificate.not-found"));
        boolean inScope = certificate.issuingOrgId() != null && organisations.find(certificate.issuingOrgId())
                .map(Organisation::treePath).filter(user::covers).isPresent();
        if (!inScope) {
            throw DomainException.notFound("certificate.not-found");
        }
        return certificate;
    }

    /** The contract names only the remark; a revocation without a reason code counts as {@code OTHER}. */
    private static RevocationReason parseReason(String reason) {
        if (reason == null || reason.isBlank()) {
            return RevocationReason.OTHER;
        }
        try {
            return RevocationReason.valueOf(reason.strip());
        } catch (IllegalArgumentException e) {
            throw DomainException.badRequest("revocation.reason-unknown", reason.strip());
        }
    }

    /** A required free text (remark, reason): stripped, at most {@value #MAX_TEXT} characters, else a 400. */
    static String requiredText(String text, String missingCode) {
        if (text == null || text.isBlank()) {
            throw DomainException.badRequest(missingCode);
        }
        if (text.strip().length() > MAX_TEXT) {
            throw DomainException.badRequest("lifecycle.text-too-long", MAX_TEXT);
        }
        return text.strip();
    }

    private String statusLabel(CertificateStatus status) {
        return message("certificate.status." + status);
    }

    private String message(String key, Object... args) {
        return messages.getMessage(key, args, key, TEXT);
    }
}
