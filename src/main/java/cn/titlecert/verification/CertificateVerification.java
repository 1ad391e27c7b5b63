package cn.titlecert.verification;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import cn.titlecert.application.AcquisitionPath;
import cn.titlecert.certificate.Certificate;
import cn.titlecert.certificate.CertificateIssuer;
import cn.titlecert.certificate.CertificateMapper;
import cn.titlecert.certificate.CertificateStatus;
import cn.titlecert.certificate.RevocationRecord;
import cn.titlecert.certificate.TitleLevel;
import cn.titlecert.certificate.VerificationToken;
import cn.titlecert.person.Person;
import cn.titlecert.person.PersonService;
import cn.titlecert.person.PhotoMapper;

/**
 * QR verification (R23): finds the certificate behind a presented token by the token's SHA-256, the only form
 * stored. Every presented string is hashed and looked up, well-formed or not, so a forged or malformed token
 * costs what an unknown one does and answers the same. Outcomes are counted ({@code titlecert.verifications},
 * tag {@code outcome}); tokens and personal data are never logged. An annotated copy (R26) has a token of its own:
 * it shows the certificate's live status, the copy's scenario and expiry, and {@code EXPIRED} once that is past.
 */
@Service
@Transactional(readOnly = true)
public class CertificateVerification {

    /** Longer strings are not tokens; their hash is still computed over a bounded prefix, as a miss. */
    private static final int MAX_PRESENTED = 256;

    private final CertificateMapper certificates;
    private final PersonService persons;
    private final PhotoMapper photos;
    private final MeterRegistry meters;
    private final AnnotationMapper annotations;
    private final Clock clock;

    public CertificateVerification(CertificateMapper certificates, PersonService persons, PhotoMapper photos,
            MeterRegistry meters, AnnotationMapper annotations, Clock clock) {
        this.annotations = annotations;
        this.clock = clock;
        this.certificates = certificates;
        this.persons = persons;
        this.photos = photos;
        this.meters = meters;
    }

    /** What anyone holding the link may learn: the printed data, the ID number masked, the current status. */
    public record Verified(VerificationStatus status, boolean valid, String number, String holderName,
            String idNumber, String titleSeries, String titleSpecialty, String titleName, TitleLevel titleLevel,
            AcquisitionPath path, LocalDate obtainedOn, String reviewBodyName, String approvingUnitName,
            String issuingAuthority, LocalDate issuedOn, LocalDate revokedOn, boolean hasPhoto,
            AnnotationView annotation, String revocationReason, String supersededBy) {

        /** @param successor for a superseded certificate, the one that replaced it (R17) */
        static Verified of(Certificate c, Supplier<Optional<Person>> person, Optional<Annotation> annotation,
                LocalDate today,
                Optional<RevocationRecord> revocation, Optional<Certificate> successor) {
            VerificationStatus status = VerificationStatus.of(c.status(),
                    annotation.map(a -> a.expiredOn(today)).orElse(false));
            return new Verified(status, status == VerificationStatus.VALID, c.number(), c.holderName(),
                    // As printed on this certificate; a later correction of the ID number changes the person only.
                    c.idNumberMasked(() -> person.get().map(Person::idNumberMasked)), c.titleSeries(), c.titleSpecialty(),
                    c.titleName(),
                    c.titleLevel(), c.path(), c.obtainedOn(), c.reviewBodyName(), c.approvingUnitName(),
                    c.issuingAuthority(), c.issuedOn(),
                    c.revokedAt() == null ? null : LocalDate.ofInstant(c.revokedAt(), CertificateIssuer.CHINA),
                    c.photoId() != null, annotation.map(AnnotationView::of).orElse(null),
                    c.status() == CertificateStatus.REVOKED
                            ? revocation.map(RevocationRecord::revocationReason).orElse(null) : null,
                    c.status() == CertificateStatus.SUPERSEDED ? successor.map(Certificate::number).orElse(null) : null);
        }
    }

    /** An annotated copy's stamp (R26): what it is for and until when; absent for the original's own QR code. */
    public record AnnotationView(String scenario, LocalDate annotatedOn, LocalDate expiresOn) {
        static AnnotationView of(Annotation a) {
            return new AnnotationView(a.scenario(), a.annotatedOn(), a.expiresOn());
        }
    }

    /** A certificate found by a token: its own, or an annotated copy's (then with that annotation). */
    private record Found(Certificate certificate, Optional<Annotation> annotation) {
    }

    /** The certificate behind the token, counted by outcome and channel ({@code page}, {@code api}). */
    public Optional<Verified> verify(String presented, String channel) {
        Optional<Found> found = lookUp(presented);
        LocalDate today = LocalDate.now(clock.withZone(CertificateIssuer.CHINA));
        Optional<Verified> verified = found.map(f -> verified(f.certificate(), f.annotation(), today));
        count(verified.map(v -> v.status().name()).orElse("NOT_FOUND"), channel);
        return verified;
    }

    /** What verification shows of a certificate, or of an annotated copy of it, found by its token. */
    private Verified verified(Certificate c, Optional<Annotation> annotation, LocalDate today) {
        // The person is read only for a certificate issued before the printed ID number was kept with it.
        return Verified.of(c, () -> persons.find(c.personId()), annotation, today,
                c.status() == CertificateStatus.REVOKED ? certificates.findRevocation(c.number()) : Optional.empty(),
                c.status() == CertificateStatus.SUPERSEDED ? certificates.findSuccessor(c.id()) : Optional.empty());
    }

    /** The photo the certificate was generated with (frozen: not the holder's current one). */
    public Optional<byte[]> photo(String presented) {
        return lookUp(presented).map(f -> f.certificate().photoId()).flatMap(photos::findContent);
    }

    private Optional<Found> lookUp(String presented) {
        String candidate = presented == null ? "" : presented;
        if (candidate.length() > MAX_PRESENTED) {
            candidate = candidate.substring(0, MAX_PRESENTED);
        }
        String hash = VerificationToken.hash(candidate);
        // Both tables are asked every time, so a miss costs the same whichever kind of token it imitates.
        Optional<Certificate> own = certificates.findByTokenHash(hash);
        Optional<Annotation> annotation = annotations.findByTokenHash(hash);
        Optional<Found> found = own.map(c -> new Found(c, Optional.<Annotation>empty()))
                .or(() -> annotation.flatMap(a -> certificates.findById(a.certificateId()).map(c -> new Found(c, Optional.of(a)))));
        // Only a well-formed token can match; the check comes after the lookup so every miss costs the same.
        return VerificationToken.looksLikeToken(candidate) ? found : Optional.empty();
    }

    private void count(String outcome, String channel) {
        Counter.builder("titlecert.verifications").description("QR verifications by outcome")
                .tag("outcome", outcome.toLowerCase(Locale.ROOT)).tag("channel", channel).register(meters).increment();
    }
}
