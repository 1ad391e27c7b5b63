package cn.titlecert.verification;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.titlecert.audit.AuditTrail;
import cn.titlecert.certificate.Certificate;
import cn.titlecert.certificate.CertificateIssuer;
import cn.titlecert.certificate.CertificateRenderer;
import cn.titlecert.certificate.CertificateService;
import cn.titlecert.certificate.CertificateStatus;
import cn.titlecert.certificate.PdfSignatureCheck;
import cn.titlecert.certificate.VerificationToken;
import cn.titlecert.error.DomainException;
import cn.titlecert.persistence.GeneratedKey;
import cn.titlecert.privacy.PersonalDataCipher;
import cn.titlecert.security.CurrentUser;

/**
 * Annotation (加注, R26): the holder makes a copy of their own released, valid certificate stamped with a usage
 * scenario and an expiry, sealed like the original, with its own QR token. The sealed PDF is stored encrypted as
 * issued, so a second download gives the same signed file (re-rendering would give a new signature time) and
 * {@code verify-pdf} can recognise it.
 */
@Service
public class Annotations {

    /** Bound to the encrypted PDF as associated data: an annotated copy's bytes cannot pass for another field. */
    static final String PDF_FIELD = "certificate.annotation.pdf";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE;

    private final AnnotationMapper annotations;
    private final CertificateService certificates;
    private final CertificateIssuer issuer;
    private final AnnotationProperties properties;
    private final PersonalDataCipher cipher;
    private final AuditTrail audit;
    private final Clock clock;

    public Annotations(AnnotationMapper annotations, CertificateService certificates, CertificateIssuer issuer,
            AnnotationProperties properties, PersonalDataCipher cipher, AuditTrail audit, Clock clock) {
        this.annotations = annotations;
        this.certificates = certificates;
        this.issuer = issuer;
        this.properties = properties;
        this.cipher = cipher;
        this.audit = audit;
        this.clock = clock;
    }

    /** @param pdf the sealed annotated copy */
    public record Annotated(Annotation annotation, byte[] pdf) {
    }

    @Transactional
    public Annotated annotate(CurrentUser user, String number, String scenarioAsked) {
        Certificate certificate = ownCertificate(user, number);
        String scenario = scenario(scenarioAsked);
        if (!certificates.released(certificate)) {
            throw DomainException.forbidden("certificate.not-released", certificate.releaseOn().toString());
        }
        if (certificate.status() != CertificateStatus.VALID) {
            throw DomainException.conflict("annotation.certificate-not-valid");
        }
        if (certificate.photoId() == null || certificate.template() == null || certificate.issuingOrgId() == null) {
            // Historical records without a generated e-certificate (R18): verifiable, not printable.
            throw DomainException.conflict("annotation.not-available");
        }
        annotations.lockCertificate(certificate.id());
        LocalDate today = certificates.today();
        // The period ends with the earlier copy's expiry day: a new one is allowed once it has expired.
        LocalDate periodStart = today.minus(properties.validity());
        if (annotations.countSince(certificate.id(), periodStart) >= properties.perPeriod()) {
            LocalDate nextAllowed = annotations.findByCertificate(certificate.id()).stream()
                    .filter(a -> !a.annotatedOn().isBefore(periodStart))
                    .map(a -> a.annotatedOn().plus(properties.validity()).plusDays(1))
                    .min(LocalDate::compareTo).orElse(today.plusDays(1));
            throw DomainException.conflict("annotation.limit-reached", properties.perPeriod(),
                    ChronoUnit.DAYS.between(today, today.plus(properties.validity())), nextAllowed.toString());
        }
        LocalDate expiresOn = today.plus(properties.validity());
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        VerificationToken token = VerificationToken.generate();
        byte[] pdf = issuer.renderCopy(certificate, Map.of(CertificateRenderer.ANNOTATION_SCENARIO, scenario,
                CertificateRenderer.ANNOTATION_EXPIRY, expiresOn.format(DATE)), token, now);
        Annotation row = new Annotation(null, certificate.id(), scenario, today, expiresOn, token.hash(),
                PdfSignatureCheck.sha256(pdf), now, user.username());
        GeneratedKey key = new GeneratedKey();
        annotations.insert(row, cipher.encryptBytes(PDF_FIELD, pdf), key);
        audit.record(user, "CERTIFICATE_ANNOTATED", "certificate", certificate.number(),
                "annotation=" + key.value() + " expiresOn=" + expiresOn, scenario);
        return new Annotated(annotations.findById(key.value()).orElseThrow(), pdf);
    }

    /** The annotations of a certificate the caller may see, newest first. */
    @Transactional(readOnly = true)
    public List<Annotation> list(CurrentUser user, String number) {
        Certificate certificate = certificates.find(user, number);
        return annotations.findByCertificate(certificate.id());
    }

    /** The sealed copy as made, for its holder to download again. */
    @Transactional(readOnly = true)
    public byte[] pdf(CurrentUser user, String number, long annotationId) {
        Certificate certificate = ownCertificate(user, number);
        return annotations.findById(annotationId).filter(a -> a.certificateId() == certificate.id())
                .flatMap(a -> annotations.findPdf(a.id()))
                .map(stored -> cipher.decryptBytes(PDF_FIELD, stored))
                .orElseThrow(() -> DomainException.notFound("annotation.not-found"));
    }

    public LocalDate today() {
        return certificates.today();
    }

    public AnnotationProperties settings() {
        return properties;
    }

    /** Only the holder annotates, and only their own certificate (another's answers "not found"). */
    private Certificate ownCertificate(CurrentUser user, String number) {
        if (!user.isHolderOnly()) {
            throw DomainException.forbidden("annotation.holder-only");
        }
        return certificates.find(user, number);
    }

    String scenario(String asked) {
        String scenario = asked == null ? "" : asked.strip();
        if (scenario.isEmpty()) {
            throw DomainException.badRequest("annotation.scenario-required");
        }
        if (!properties.scenarios().isEmpty()) {
            if (!properties.scenarios().contains(scenario)) {
                throw DomainException.badRequest("annotation.scenario-unknown", String.join("、", properties.scenarios()));
            }
            return scenario;
        }
        if (scenario.codePointCount(0, scenario.length()) > properties.scenarioMaxLength()) {
            throw DomainException.badRequest("annotation.scenario-too-long", properties.scenarioMaxLength());
        }
        if (scenario.codePoints().anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                || c == '<' || c == '>')) {
            throw DomainException.badRequest("annotation.scenario-invalid");
        }
        return scenario;
    }
}
