package cn.titlecert.verification;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;

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
 * tag {@code outcome}); tokens and personal data are never logged.
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

    public CertificateVerification(CertificateMapper certificates, PersonService persons, PhotoMapper photos,
            MeterRegistry meters) {
        this.certificates = certificates;
        this.persons = persons;
        this.photos = photos;
        this.meters = meters;
    }

    /** What anyone holding the link may learn: the printed data, the ID number masked, the current status. */
    public record Verified(CertificateStatus status, boolean valid, String number, String holderName,
            String idNumber, String titleSeries, String titleSpecialty, String titleName, TitleLevel titleLevel,
            AcquisitionPath path, LocalDate obtainedOn, String reviewBodyName, String approvingUnitName,
            String issuingAuthority, LocalDate issuedOn, LocalDate revokedOn, boolean hasPhoto,
            String revocationReason, String supersededBy) {

        /** @param successor for a superseded certificate, the one that replaced it (R17) */
        static Verified of(Certificate c, Optional<Person> person, Optional<RevocationRecord> revocation,
                Optional<Certificate> successor) {
            return new Verified(c.status(), c.status() == CertificateStatus.VALID, c.number(), c.holderName(),
                    person.map(Person::idNumberMasked).orElse(null), c.titleSeries(), c.titleSpecialty(), c.titleName(),
                    c.titleLevel(), c.path(), c.obtainedOn(), c.reviewBodyName(), c.approvingUnitName(),
                    c.issuingAuthority(), c.issuedOn(),
                    c.revokedAt() == null ? null : LocalDate.ofInstant(c.revokedAt(), CertificateIssuer.CHINA),
                    c.photoId() != null,
                    c.status() == CertificateStatus.REVOKED
                            ? revocation.map(RevocationRecord::revocationReason).orElse(null) : null,
                    c.status() == CertificateStatus.SUPERSEDED ? successor.map(Certificate::number).orElse(null) : null);
        }
    }

    /** The certificate behind the token, counted by outcome and channel ({@code page}, {@code api}). */
    public Optional<Verified> verify(String presented, String channel) {
        Optional<Certificate> found = lookUp(presented);
        Optional<Verified> verified = found.map(this::verified);
        count(verified.map(v -> v.status().name()).orElse("NOT_FOUND"), channel);
        return verified;
    }

    /** What verification shows of a certificate found by any means (QR token, query, third-party check). */
    public Verified verified(Certificate c) {
        return Verified.of(c, persons.find(c.personId()),
                c.status() == CertificateStatus.REVOKED ? certificates.findRevocation(c.number()) : Optional.empty(),
                c.status() == CertificateStatus.SUPERSEDED ? certificates.findSuccessor(c.id()) : Optional.empty());
    }

    /** The photo the certificate was generated with (frozen: not the holder's current one). */
    public Optional<byte[]> photo(String presented) {
        return lookUp(presented).map(Certificate::photoId).flatMap(photos::findContent);
    }

    private Optional<Certificate> lookUp(String presented) {
        String candidate = presented == null ? "" : presented;
        if (candidate.length() > MAX_PRESENTED) {
            candidate = candidate.substring(0, MAX_PRESENTED);
        }
        Optional<Certificate> found = certificates.findByTokenHash(VerificationToken.hash(candidate));
        // Only a well-formed token can match; the check comes after the lookup so every miss costs the same.
        return VerificationToken.looksLikeToken(candidate) ? found : Optional.empty();
    }

    private void count(String outcome, String channel) {
        Counter.builder("titlecert.verifications").description("QR verifications by outcome")
                .tag("outcome", outcome.toLowerCase(Locale.ROOT)).tag("channel", channel).register(meters).increment();
    }
}
