package cn.titlecert.verification;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

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
import cn.titlecert.error.TooManyRequestsException;
import cn.titlecert.notification.Notifications;
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
    /** The rows of third_party_check_lock (V13). */
    private static final int LOCK_STRIPES = 64;
    private static final String MASKED_CODE = "******";
    /** Compared with when a check has no code (it matched nothing), so that both take the same time. */
    private static final byte[] NO_CODE = "0".repeat(64).getBytes(StandardCharsets.US_ASCII);
    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration DAY = Duration.ofDays(1);
    private static final SecureRandom RANDOM = new SecureRandom();

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
    private final Notifications notifications;
    private final MessageSource messages;
    private final AuditTrail audit;
    private final Clock clock;
    private final Duration validity;
    private final int maxAttempts;
    private final OneTimeCodeLimits limits;

    public ThirdPartyChecks(ThirdPartyCheckMapper checks, CertificateMapper certificates, PersonService persons,
            PersonalDataCipher cipher, Notifications notifications, MessageSource messages, AuditTrail audit, Clock clock,
            @Value("${titlecert.third-party-check.validity:PT5M}") Duration validity,
            @Value("${titlecert.third-party-check.max-attempts:5}") int maxAttempts, OneTimeCodeLimits limits) {
        this.checks = checks;
        this.certificates = certificates;
        this.persons = persons;
        this.cipher = cipher;
        this.notifications = notifications;
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
        String code = String.format("%06d", RANDOM.nextInt(1_000_000));
        Long notificationId = match.map(c -> notifications.secretSms(mobile.value(), TOPIC, codeMessage(code, c),
                codeMessage(MASKED_CODE, c), expiresAt)).orElse(null);
        checks.insert(new ThirdPartyCheckMapper.Row(null, publicId, match.map(Certificate::id).orElse(null),
                match.isPresent() ? codeHash(publicId, code) : null, "PENDING", 0, expiresAt, now, null, phoneIndex,
                certificateIndex, notificationId));
        return new Started(publicId, expiresAt);
    }

    /**
     * Refuses a request over a phone's or a certificate's limit. The rows of both are locked first (until this
     * transaction ends), so requests on several nodes at once are counted one after the other: none sees a count
     * without the others' checks, and the limit holds exactly.
     */
    private void refuseOverLimit(String phoneIndex, String certificateIndex, Instant now) {
        checks.lockStripes(Stream.of(stripe(phoneIndex), stripe(certificateIndex)).distinct().sorted().toList());
        long retryAfter = Stream.of(
                        retryAfter(checks.countByPhoneSince(phoneIndex, now.minus(HOUR)), limits.perPhonePerHour(), HOUR, now),
                        retryAfter(checks.countByPhoneSince(phoneIndex, now.minus(DAY)), limits.perPhonePerDay(), DAY, now),
                        retryAfter(checks.countByCertificateSince(certificateIndex, now.minus(DAY)),
                                limits.perCertificatePerDay(), DAY, now))
                .mapToLong(Long::longValue).max().orElse(0);
        if (retryAfter > 0) {
            throw new TooManyRequestsException("third-party.too-many-codes", retryAfter);
        }
    }

    /** Seconds until the window has room again (when its oldest check leaves it); 0 when it has room now. */
    private static long retryAfter(ThirdPartyCheckMapper.Requests requests, int limit, Duration window, Instant now) {
        if (requests.count() < limit) {
            return 0;
        }
        return Math.max(1, Duration.between(now, requests.oldest().plus(window)).toSeconds() + 1);
    }

    private static int stripe(String index) {
        return Integer.parseInt(index.substring(0, 4), 16) % LOCK_STRIPES;
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
        if (!right(check, code)) {
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

    /**
     * Compares keyed hashes in constant time, and hashes whatever was given even for a check without a code, so the
     * time taken tells neither how much of the code was right nor whether the request had matched.
     */
    private boolean right(ThirdPartyCheckMapper.Row check, String code) {
        String given = code == null ? "" : code.strip();
        boolean wellFormed = given.matches("\\d{6}");
        byte[] expected = check.codeHash() == null ? NO_CODE : check.codeHash().getBytes(StandardCharsets.US_ASCII);
        byte[] actual = codeHash(check.publicId(), given).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, actual) & wellFormed & check.codeHash() != null;
    }

    /** The check is over: its text message keeps the code masked only. */
    private void purgeCode(ThirdPartyCheckMapper.Row check) {
        if (check.notificationId() != null) {
            notifications.purgeSecret(check.notificationId());
        }
    }

    private String codeHash(String publicId, String code) {
        return cipher.index(CODE_FIELD, publicId + ":" + code);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
