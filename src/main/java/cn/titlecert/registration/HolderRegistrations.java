package cn.titlecert.registration;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.titlecert.audit.AuditTrail;
import cn.titlecert.certificate.CertificateIssuer;
import cn.titlecert.certificate.VerificationToken;
import cn.titlecert.error.DomainException;
import cn.titlecert.notification.Notifications;
import cn.titlecert.organisation.Organisation;
import cn.titlecert.organisation.OrganisationMapper;
import cn.titlecert.organisation.OrganisationType;
import cn.titlecert.person.Gender;
import cn.titlecert.person.IdNumber;
import cn.titlecert.person.IdType;
import cn.titlecert.person.NewPerson;
import cn.titlecert.person.Person;
import cn.titlecert.person.PersonService;
import cn.titlecert.person.PhoneNumber;
import cn.titlecert.privacy.PersonalDataCipher;
import cn.titlecert.security.AccountService;
import cn.titlecert.security.PasswordPolicy;
import cn.titlecert.security.Role;
import cn.titlecert.security.UserAccount;
import cn.titlecert.security.UserAccountMapper;
import cn.titlecert.verification.OneTimeCodes;

/**
 * A holder registers an account of their own (R21; Hubei: real-name registration; Guizhou: the ID number must be
 * the one given when applying): name, ID type and number and phone; a six-digit code by text message; the code, a
 * username and a new password. The account belongs to the person the bureau has with that ID number, when the name
 * matches and the code went to the phone on file; a number the bureau has no record of yet gets a new person made
 * from the registration, its phone confirmed by the code, so that a later application with that number attaches to
 * it. From outside every request looks the same, whether the number is known, matches, already has an account, or
 * not: the same answer, and a code "sent" that can be right only when the code really went to the phone on file (or,
 * for an unknown number, to the phone given). The owner of an account is told by text when someone tries again.
 */
@Service
public class HolderRegistrations {

    static final String CODE_FIELD = "holder-registration.code";
    static final String PHONE_FIELD = "holder-registration.phone";
    static final String ID_NUMBER_FIELD = "holder-registration.id-number";
    static final String DETAILS_FIELD = "holder-registration.details";
    static final String CODE_TOPIC = "REGISTRATION_CODE";
    static final String NOTICE_TOPIC = "REGISTRATION_NOTICE";
    static final String EXISTING = "EXISTING";
    static final String NEW_PERSON = "NEW_PERSON";
    static final String NONE = "NONE";
    /** Letters first (so never an ID number or phone), then letters, digits, '.', '_' or '-'. */
    private static final Pattern USERNAME = Pattern.compile("[a-z][a-z0-9._-]{3,31}");
    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration DAY = Duration.ofDays(1);

    public record Started(String id, Instant expiresAt) {
    }

    public record Registered(String username) {
    }

    /** What was entered, kept encrypted while the registration is open. */
    record Details(String name, IdType idType, String idNumber, String phone, Gender gender, LocalDate birthDate) {

        IdNumber id() {
            return new IdNumber(idType, idNumber);
        }

        @Override
        public String toString() {
            return "Details[" + id() + "]";
        }
    }

    private final RegistrationMapper registrations;
    private final PersonService persons;
    private final UserAccountMapper userAccounts;
    private final AccountService accounts;
    private final OrganisationMapper organisations;
    private final PasswordPolicy passwords;
    private final OneTimeCodes codes;
    private final Notifications notifications;
    private final PersonalDataCipher cipher;
    private final MessageSource messages;
    private final AuditTrail audit;
    private final ObjectMapper json;
    private final Clock clock;
    private final RegistrationSettings settings;

    public HolderRegistrations(RegistrationMapper registrations, PersonService persons, UserAccountMapper userAccounts,
            AccountService accounts, OrganisationMapper organisations, PasswordPolicy passwords, OneTimeCodes codes,
            Notifications notifications, PersonalDataCipher cipher, MessageSource messages, AuditTrail audit, ObjectMapper json, Clock clock,
            RegistrationSettings settings) {
        this.registrations = registrations;
        this.persons = persons;
        this.userAccounts = userAccounts;
        this.accounts = accounts;
        this.organisations = organisations;
        this.passwords = passwords;
        this.codes = codes;
        this.notifications = notifications;
        this.cipher = cipher;
        this.messages = messages;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
        this.settings = settings;
    }

    @Transactional
    public Started start(String name, IdType idType, String idNumber, String phone, Gender gender, LocalDate birthDate) {
        if (blank(name) || idType == null || blank(idNumber) || blank(phone)) {
            throw DomainException.badRequest("registration.fields-required");
        }
        LocalDate today = LocalDate.now(clock.withZone(CertificateIssuer.CHINA));
        IdNumber id = IdNumber.parse(idType, idNumber.strip(), today);
        PhoneNumber mobile = PhoneNumber.parse(phone.strip());
        // Only what was entered is checked here (a document without a birth date needs one given), never the records.
        persons.checkIdentity(new NewPerson(name, gender, birthDate, id, mobile, null));
        Details details = new Details(name.strip(), id.type(), id.value(), mobile.value(),
                gender != null ? gender : id.gender().orElse(null), birthDate != null ? birthDate : id.birthDate().orElse(null));
        String phoneIndex = cipher.index(PHONE_FIELD, mobile.value());
        String idNumberIndex = cipher.index(ID_NUMBER_FIELD, id.type() + ":" + id.value());
        Instant now = clock.instant();
        // Before anything is looked up: the refusal is the same whatever the details would have matched.
        refuseOverLimit(phoneIndex, idNumberIndex, now);

        String publicId = VerificationToken.generate().value();
        Instant expiresAt = now.plus(settings.validity());
        String code = codes.newCode();
        String codeHash = codes.hash(CODE_FIELD, publicId, code);
        String detailsCipher = cipher.encrypt(DETAILS_FIELD, write(details));
        Optional<Person> person = persons.findByIdNumber(id);
        String outcome = person.map(p -> outcomeFor(p, details)).orElse(settings.newPersons() ? NEW_PERSON : NONE);
        Long notificationId = null;
        if (!NONE.equals(outcome)) {
            // EXISTING: the phone given is the one on file; NEW_PERSON: no one else's record, the code confirms it.
            notificationId = codes.send(mobile.value(), CODE_TOPIC, codeText(code), codeText(OneTimeCodes.MASKED_CODE),
                    expiresAt);
        } else {
            person.ifPresent(this::tellOwnerOfAnAccount);
        }
        registrations.insert(new RegistrationMapper.Row(null, publicId, outcome, person.map(Person::id).orElse(null),
                detailsCipher, NONE.equals(outcome) ? null : codeHash, "PENDING", 0, phoneIndex, idNumberIndex,
                notificationId, null, expiresAt, now, null));
        return new Started(publicId, expiresAt);
    }

    /**
     * Whether a registration for a known person can succeed: no account yet, the name on the record, and a phone on
     * file that is the one given. A person without a phone on file cannot register themselves: a code to a phone the
     * bureau has never seen would let anyone who knows a name and ID number take the record; they ask the bureau.
     */
    private String outcomeFor(Person person, Details details) {
        if (userAccounts.findByPersonId(person.id()).isPresent()) {
            return NONE;
        }
        boolean sameName = person.name().strip().equals(details.name());
        boolean samePhone = persons.phoneOf(person.id()).map(PhoneNumber::value).filter(details.phone()::equals)
                .isPresent();
        boolean sameBirth = details.birthDate() == null || details.birthDate().equals(person.birthDate());
        boolean sameGender = details.gender() == null || details.gender() == person.gender();
        return sameName & samePhone & sameBirth & sameGender ? EXISTING : NONE;
    }

    /** Someone tried to register with the number of a person who has an account: its owner hears of it. */
    private void tellOwnerOfAnAccount(Person person) {
        userAccounts.findByPersonId(person.id()).ifPresent(account -> persons.phoneOf(person.id()).ifPresent(phone ->
                notifications.sms(phone.value(), NOTICE_TOPIC, messages.getMessage("notice.registration.already",
                        new Object[] {account.username()}, Locale.SIMPLIFIED_CHINESE))));
    }

    /**
     * Refuses a request over a phone's or an ID number's limit; their lock rows are held first (until this transaction
     * ends), so requests on several nodes are counted one after the other and the limit holds exactly.
     */
    private void refuseOverLimit(String phoneIndex, String idNumberIndex, Instant now) {
        registrations.lockStripes(OneTimeCodes.stripes(List.of(phoneIndex, idNumberIndex)));
        OneTimeCodes.refuseOverLimit("registration.too-many-codes", now,
                new OneTimeCodes.Window(registrations.countByPhoneSince(phoneIndex, now.minus(HOUR)),
                        settings.perPhonePerHour(), HOUR),
                new OneTimeCodes.Window(registrations.countByPhoneSince(phoneIndex, now.minus(DAY)),
                        settings.perPhonePerDay(), DAY),
                new OneTimeCodes.Window(registrations.countByIdNumberSince(idNumberIndex, now.minus(DAY)),
                        settings.perIdNumberPerDay(), DAY));
    }

    private String codeText(String code) {
        return messages.getMessage("notice.registration.code", new Object[] {code, settings.validity().toMinutes()},
                Locale.SIMPLIFIED_CHINESE);
    }

    /**
     * The code, a username and a password. What was entered is checked first (username, password policy), the same
     * for every registration; then the code: a wrong one counts (and is kept even though the answer is an error), and
     * the last wrong one ends the registration. A right code creates the account, or nothing at all.
     */
    @Transactional(noRollbackFor = DomainException.class)
    public Registered confirm(String publicId, String code, String username, String password) {
        RegistrationMapper.Row row = registrations.lockByPublicId(publicId == null ? "" : publicId)
                .orElseThrow(() -> DomainException.notFound("registration.not-found"));
        if ("LOCKED".equals(row.status())) {
            throw DomainException.conflict("registration.locked");
        }
        if ("COMPLETED".equals(row.status())) {
            throw DomainException.conflict("registration.used");
        }
        if ("EXPIRED".equals(row.status()) || !clock.instant().isBefore(row.expiresAt())) {
            registrations.close(row.id(), "EXPIRED");
            codes.purge(row.notificationId());
            throw new DomainException(HttpStatus.GONE, "registration.expired");
        }
        Details details = read(cipher.decrypt(DETAILS_FIELD, row.detailsCipher()));
        String login = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        if (!USERNAME.matcher(login).matches()) {
            throw DomainException.badRequest("registration.username-format");
        }
        passwords.check(password, List.of(details.idNumber(), details.phone(), login));
        if (!codes.matches(row.codeHash(), CODE_FIELD, row.publicId(), code)) {
            if (registrations.countAttempt(row.id(), settings.maxAttempts()) != 1
                    || row.attempts() + 1 >= settings.maxAttempts()) {
                registrations.close(row.id(), "LOCKED");
                codes.purge(row.notificationId());
                throw DomainException.conflict("registration.locked");
            }
            throw DomainException.badRequest("registration.code-wrong", settings.maxAttempts() - row.attempts() - 1);
        }
        try {
            return register(row, details, login, password);
        } catch (DomainException refused) {
            // The code was right, but the account cannot be made: nothing of it is kept, the code stays usable.
            TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
            throw refused;
        }
    }

    private Registered register(RegistrationMapper.Row row, Details details, String username, String password) {
        if (accounts.exists(username) || userAccounts.findByUsername(username).isPresent()) {
            throw DomainException.conflict("registration.username-taken");
        }
        Person person = EXISTING.equals(row.outcome()) ? persons.find(row.personId()).orElseThrow()
                : persons.findByIdNumber(details.id()).orElse(null);
        if (person != null && !EXISTING.equals(outcomeFor(person, details))) {
            // The records changed since the code was sent (an application named the number meanwhile, another
            // registration finished first): the phone confirmed is not enough any more.
            throw DomainException.conflict("registration.details-changed");
        }
        if (person == null) {
            person = persons.register(new NewPerson(details.name(), details.gender(), details.birthDate(),
                    details.id(), new PhoneNumber(details.phone()), null));
            audit.append(username, null, "PERSON_REGISTERED", "person", person.id(), "by holder registration", null);
        }
        UserAccount account = accounts.create(username, person.name(), password, Set.of(Role.HOLDER),
                organisationFor(person), person.id());
        audit.append(username, account.organisationId(), "HOLDER_REGISTERED", "person", person.id(),
                "username=" + username, null);
        if (registrations.complete(row.id(), username, clock.instant()) != 1) {
            throw DomainException.conflict("registration.used");
        }
        codes.purge(row.notificationId());
        return new Registered(username);
    }

    /** A holder's account acts for their employer; one without an employer on record, for the bureau at the root. */
    private long organisationFor(Person person) {
        if (person.employerId() != null) {
            return person.employerId();
        }
        return organisations.findByTypes(List.of(OrganisationType.BUREAU)).stream()
                .min(Comparator.comparingInt((Organisation o) -> o.pathIds().size()).thenComparing(Organisation::id))
                .map(Organisation::id).orElseThrow(() -> new IllegalStateException("no bureau in the organisation tree"));
    }

    /** Open registrations past their expiry drop what was entered (their code messages are purged on their own). */
    @Scheduled(fixedDelayString = "${titlecert.registration.purge-interval:PT1M}",
            initialDelayString = "${titlecert.registration.purge-interval:PT1M}")
    @Transactional
    public int closeExpired() {
        return registrations.closeExpired(clock.instant());
    }

    private String write(Details details) {
        try {
            return json.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("registration details", e);
        }
    }

    private Details read(String text) {
        try {
            return json.readValue(text, Details.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("registration details", e);
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
