package cn.titlecert.verification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.List;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.titlecert.audit.AuditTrail;
import cn.titlecert.certificate.Certificate;
import cn.titlecert.certificate.CertificateIssuer;
import cn.titlecert.certificate.CertificateMapper;
import cn.titlecert.certificate.CertificateStatus;
import cn.titlecert.certificate.TitleLevel;
import cn.titlecert.certificate.VerificationToken;
import cn.titlecert.error.DomainException;
import cn.titlecert.person.IdNumber;
import cn.titlecert.person.IdType;
import cn.titlecert.person.Person;
import cn.titlecert.person.PersonService;
import cn.titlecert.person.PhoneNumber;
import cn.titlecert.privacy.PersonalDataCipher;

/**
 * A third party (an employer to be, a registry) checks a certificate with the holder's consent (R24, Guizhou):
 * ID number, certificate number and the holder's phone; a six-digit code goes to that phone; the code, within five
 * minutes and five tries, shows the certificate. Whether the three matched is never told: a request that matches
 * nothing gets the same answer, no text message, and a code that can never be right. Codes per phone and per
 * certificate are limited ({@link OneTimeCodeLimits}); the code is kept only as a keyed hash, and its text message
 * is purged once the check is confirmed, locked or expired.
 */
@Service
public class ThirdPartyChecks {

    static final String CODE_FIELD = "third-party-check.code";
    static final String PHONE_FIELD = "third-party-check.phone";
    static final String CERTIFICATE_FIELD = "third-party-check.certificate-number";
    static final String TOPIC = "THIRD_PARTY_CODE";
    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration DAY = Duration.ofDays(1);

    public record Started(String id, Instant expiresAt) {
    }

    public record Checked(String number, CertificateStatus status, boolean valid, String holderName, String idNumber,
            String titleSeries, String titleSpecialty, String titleName, TitleLevel titleLevel, LocalDate obtainedOn,
            String issuingAuthority, LocalDate issuedOn) {
    }

    private final ThirdPartyCheckMapper checks;
    private final CertificateMapper certificates;
    private final PersonService persons;
    private final PersonalDataCipher cipher;
    private final OneTimeCodes codes;
    private final MessageSource messages;
    private final AuditTrail audit;
    private final Clock clock;
    private final Duration validity;
    private final int maxAttempts;
    private final OneTimeCodeLimits limits;

    public ThirdPartyChecks(ThirdPartyCheckMapper checks, CertificateMapper certificates, PersonService persons,
            PersonalDataCipher cipher, OneTimeCodes codes, MessageSource messages, AuditTrail audit, Clock clock,
            @Value("${titlecert.third-party-check.validity:PT5M}") Duration validity,
            @Value("${titlecert.third-party-check.max-attempts:5}") int maxAttempts, OneTimeCodeLimits limits) {
        this.checks = checks;
        this.certificates = certificates;
        this.persons = persons;
        this.cipher = cipher;
        this.codes = codes;
        this.messages = messages;
        this.audit = audit;
        this.clock = clock;
        this.validity = validity;
        this.maxAttempts = maxAttempts;
        this.limits = limits;
    }

    @Transactional
    public Started start(String idNumber, String certificateNumber, String phone) {
        if (blank(idNumber) || blank(certificateNumber) || blank(phone)) {
            throw DomainException.badRequest("third-party.fields-required");
        }
        LocalDate today = LocalDate.now(clock.withZone(CertificateIssuer.CHINA));
        IdNumber id = IdNumber.parse(IdType.RESIDENT_ID, idNumber.strip(), today);
        PhoneNumber mobile = PhoneNumber.parse(phone.strip());
        String number = certificateNumber.strip().toUpperCase(Locale.ROOT);
        String phoneIndex = cipher.index(PHONE_FIELD, mobile.value());
        String certificateIndex = cipher.index(CERTIFICATE_FIELD, number);
        Instant now = clock.instant();
        // Before anything is looked up: the refusal is the same whatever the three would have matched.
        refuseOverLimit(phoneIndex, certificateIndex, now);
        Optional<Certificate> match = certificates.findByNumber(number)
                .filter(c -> c.releaseOn() == null || !c.releaseOn().isAfter(today))
                .filter(c -> persons.findByIdNumber(id).map(Person::id).filter(p -> p == c.personId()).isPresent())
                .filter(c -> persons.phoneOf(c.personId()).map(PhoneNumber::value).filter(mobile.value()::equals)
                        .isPresent());
        String publicId = VerificationToken.generate().value();
        Instant expiresAt = now.plus(validity);
        String code = codes.newCode();
        Long notificationId = match.map(c -> codes.send(mobile.value(), TOPIC, codeMessage(code, c),
                codeMessage(OneTimeCodes.MASKED_CODE, c), expiresAt)).orElse(null);
        checks.insert(new ThirdPartyCheckMapper.Row(null, publicId, match.map(Certificate::id).orElse(null),
                match.isPresent() ? codes.hash(CODE_FIELD, publicId, code) : null, "PENDING", 0, expiresAt, now, null, phoneIndex,
                certificateIndex, notificationId));
        return new Started(publicId, expiresAt);
    }

    /**
     * Refuses a request over a phone's or a certificate's limit. The rows of both are locked first (until this
     * transaction ends), so requests on several nodes at once are counted one after the other: none sees a count
     * without the others' checks, and the limit holds exactly.
     */
    private void refuseOverLimit(String phoneIndex, String certificateIndex, Instant now) {
        checks.lockStripes(OneTimeCodes.stripes(List.of(phoneIndex, certificateIndex)));
        OneTimeCodes.refuseOverLimit("third-party.too-many-codes", now,
                new OneTimeCodes.Window(checks.countByPhoneSince(phoneIndex, now.minus(HOUR)), limits.perPhonePerHour(), HOUR),
                new OneTimeCodes.Window(checks.countByPhoneSince(phoneIndex, now.minus(DAY)), limits.perPhonePerDay(), DAY),
                new OneTimeCodes.Window(checks.countByCertificateSince(certificateIndex, now.minus(DAY)),
                        limits.perCertificatePerDay(), DAY));
    }

    private String codeMessage(String code, Certificate c) {
        return messages.getMessage("notice.third-party.code", new Object[] {code, c.number(), validity.toMinutes()},
                Locale.SIMPLIFIED_CHINESE);
    }

    /** Checks the code; a wrong one counts (and is remembered even though the answer is an error). */
    @Transactional(noRollbackFor = DomainException.class)
    public Checked confirm(String publicId, String code) {
        ThirdPartyCheckMapper.Row check = checks.findByPublicId(publicId == null ? "" : publicId)
                .orElseThrow(() -> DomainException.notFound("third-party.not-found"));
        if ("LOCKED".equals(check.status())) {
            throw DomainException.conflict("third-party.locked");
        }
        if ("CONFIRMED".equals(check.status())) {
            throw DomainException.conflict("third-party.used");
        }
        if (!clock.instant().isBefore(check.expiresAt())) {
            purgeCode(check);
            throw new DomainException(HttpStatus.GONE, "third-party.expired");
        }
        if (!codes.matches(check.codeHash(), CODE_FIELD, check.publicId(), code)) {
            if (checks.countAttempt(check.id(), maxAttempts) != 1 || check.attempts() + 1 >= maxAttempts) {
                checks.lock(check.id());
                purgeCode(check);
                throw DomainException.conflict("third-party.locked");
            }
            throw DomainException.badRequest("third-party.code-wrong", maxAttempts - check.attempts() - 1);
        }
        if (checks.confirm(check.id(), clock.instant()) != 1) {
            throw DomainException.conflict("third-party.used");
        }
        purgeCode(check);
        Certificate c = certificates.findById(check.certificateId()).orElseThrow();
        audit.append("third-party", null, "THIRD_PARTY_CHECK_CONFIRMED", "certificate", c.number(), null, null);
        String masked = c.idNumberMasked(() -> persons.find(c.personId()).map(Person::idNumberMasked));
        return new Checked(c.number(), c.status(), c.status() == CertificateStatus.VALID, c.holderName(), masked,
                c.titleSeries(), c.titleSpecialty(), c.titleName(), c.titleLevel(), c.obtainedOn(), c.issuingAuthority(),
                c.issuedOn());
    }

    /** The check is over: its text message keeps the code masked only. */
    private void purgeCode(ThirdPartyCheckMapper.Row check) {
        codes.purge(check.notificationId());
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
