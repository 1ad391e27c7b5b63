package cn.titlecert.person;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.titlecert.error.DomainException;
import cn.titlecert.persistence.BulkInsert;
import cn.titlecert.persistence.GeneratedKey;
import cn.titlecert.privacy.PersonalDataCipher;

/** Registers and finds holders; the only place where ID and phone numbers are encrypted or decrypted. */
@Service
public class PersonService {

    static final String ID_NUMBER_FIELD = "person.id_number";
    static final String PHONE_FIELD = "person.phone";

    private static final List<String> PERSON_COLUMNS = List.of("name", "gender", "birth_date", "id_type",
            "id_number_enc", "id_number_hash", "id_number_masked", "phone_enc", "phone_hash", "phone_masked",
            "employer_id", "created_at", "updated_at");

    private final PersonMapper persons;
    private final BulkInsert bulk;
    private final PersonalDataCipher cipher;
    private final Clock clock;

    public PersonService(PersonMapper persons, BulkInsert bulk, PersonalDataCipher cipher, Clock clock) {
        this.persons = persons;
        this.bulk = bulk;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** The checks of {@link #register}, without writing: for submissions validated before any write. */
    public void checkRegistrable(NewPerson person) {
        if (findByIdNumber(person.idNumber()).isPresent()) {
            throw DomainException.conflict("person.exists");
        }
        checkIdentity(person);
    }

    /**
     * The checks of {@link #register} that look only at the data given, not at whether the number is registered: a
     * submission naming a person is checked the same way either way, so its answer does not tell who is registered.
     */
    public void checkIdentity(NewPerson person) {
        IdNumber id = person.idNumber();
        id.birthDate().ifPresent(birth -> {
            if (person.birthDate() != null && !birth.equals(person.birthDate())) {
                throw DomainException.badRequest("person.birth-date-mismatch");
            }
        });
        id.gender().ifPresent(gender -> {
            if (person.gender() != null && gender != person.gender()) {
                throw DomainException.badRequest("person.gender-mismatch");
            }
        });
        if (person.gender() == null && id.gender().isEmpty()) {
            throw DomainException.badRequest("person.gender-required");
        }
        if (person.birthDate() == null && id.birthDate().isEmpty()) {
            throw DomainException.badRequest("person.birth-date-required");
        }
        if (person.name() == null || person.name().isBlank()) {
            throw DomainException.badRequest("person.name-required");
        }
    }

    @Transactional
    public Person register(NewPerson person) {
        checkRegistrable(person);
        PersonRow row = toRow(person, clock.instant());
        GeneratedKey key = new GeneratedKey();
        persons.insert(row, key);
        return Person.of(persons.findById(key.value()).orElseThrow());
    }

    /** How many rows one multi-row insert or IN list carries in the bulk methods below. */
    static final int BULK_CHUNK = 500;

    /** The keyed hash the person with this number is found by (bulk look-ups; never the clear number). */
    public String index(IdNumber idNumber) {
        return idHash(idNumber);
    }

    /** Registered persons among these keyed hashes ({@link #index}), by hash: one query per chunk. */
    public Map<String, Person> findByIndexes(Collection<String> hashes) {
        Map<String, Person> found = new HashMap<>();
        List<String> all = List.copyOf(hashes);
        for (int from = 0; from < all.size(); from += BULK_CHUNK) {
            for (PersonRow row : persons.findByIdNumberHashes(all.subList(from, Math.min(all.size(), from + BULK_CHUNK)))) {
                found.put(row.idNumberHash(), Person.of(row));
            }
        }
        return found;
    }

    /**
     * Registers many people at once (an import of historical records): multi-row inserts that report the
     * generated ids. The caller has checked each (as {@link #checkRegistrable} does) and that none is
     * registered yet; a race with another registration fails on the unique key and rolls the caller back.
     *
     * @return the new persons' ids by keyed hash
     */
    @Transactional
    public Map<String, Long> registerAll(List<NewPerson> people) {
        Instant now = clock.instant();
        List<PersonRow> rows = new ArrayList<>(people.size());
        for (NewPerson person : people) {
            rows.add(toRow(person, now));
        }
        List<Long> generated = bulk.insertReturningIds("person", PERSON_COLUMNS, rows, r -> new Object[] {r.name(),
                r.gender(), r.birthDate(), r.idType(), r.idNumberEnc(), r.idNumberHash(), r.idNumberMasked(),
                r.phoneEnc(), r.phoneHash(), r.phoneMasked(), r.employerId(), r.createdAt(), r.updatedAt()});
        Map<String, Long> ids = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            ids.put(rows.get(i).idNumberHash(), generated.get(i));
        }
        return ids;
    }

    private PersonRow toRow(NewPerson person, Instant now) {
        IdNumber id = person.idNumber();
        Gender gender = Optional.ofNullable(person.gender()).or(id::gender).orElseThrow();
        var birthDate = Optional.ofNullable(person.birthDate()).or(id::birthDate).orElseThrow();
        PhoneNumber phone = person.phone();
        return new PersonRow(null, person.name().strip(), gender, birthDate, id.type(),
                cipher.encrypt(ID_NUMBER_FIELD, id.value()), idHash(id), id.masked(),
                phone == null ? null : cipher.encrypt(PHONE_FIELD, phone.value()),
                phone == null ? null : phoneHash(phone), phone == null ? null : phone.masked(),
                person.employerId(), now, now);
    }

    public Optional<Person> find(long id) {
        return persons.findById(id).map(Person::of);
    }

    public Optional<Person> findByIdNumber(IdNumber idNumber) {
        return persons.findByIdNumberHash(idNumber.type(), idHash(idNumber)).map(Person::of);
    }

    public List<Person> findByPhone(PhoneNumber phone) {
        return persons.findByPhoneHash(phoneHash(phone)).stream().map(Person::of).toList();
    }

    /** The clear ID number: for the holder's own view and for comparisons, never for logs or lists. */
    public IdNumber idNumberOf(long personId) {
        PersonRow row = persons.findById(personId).orElseThrow(() -> DomainException.notFound("person.not-found"));
        return idNumber(row);
    }

    private IdNumber idNumber(PersonRow row) {
        return new IdNumber(row.idType(), cipher.decrypt(ID_NUMBER_FIELD, row.idNumberEnc()));
    }

    public Optional<PhoneNumber> phoneOf(long personId) {
        PersonRow row = persons.findById(personId).orElseThrow(() -> DomainException.notFound("person.not-found"));
        return Optional.ofNullable(row.phoneEnc()).map(enc -> new PhoneNumber(cipher.decrypt(PHONE_FIELD, enc)));
    }

    @Transactional
    public void changePhone(long personId, PhoneNumber phone) {
        if (persons.updatePhone(personId, cipher.encrypt(PHONE_FIELD, phone.value()), phoneHash(phone),
                phone.masked()) != 1) {
            throw DomainException.notFound("person.not-found");
        }
    }

    /**
     * The identity as it would read after a correction (R17): the checks of registration (the ID number's own
     * birth date and gender agree, and no other person has it), without writing.
     */
    public Identity checkCorrectedIdentity(long personId, Identity corrected) {
        Person current = find(personId).orElseThrow(() -> DomainException.notFound("person.not-found"));
        IdNumber id = corrected.idNumber();
        findByIdNumber(id).filter(other -> other.id() != current.id()).ifPresent(other -> {
            throw DomainException.conflict("person.exists");
        });
        id.birthDate().filter(birth -> !birth.equals(corrected.birthDate())).ifPresent(birth -> {
            throw DomainException.badRequest("person.birth-date-mismatch");
        });
        id.gender().filter(gender -> gender != corrected.gender()).ifPresent(gender -> {
            throw DomainException.badRequest("person.gender-mismatch");
        });
        if (corrected.name() == null || corrected.name().isBlank()) {
            throw DomainException.badRequest("person.name-required");
        }
        return corrected;
    }

    /** The person's identity as it stands, with the clear ID number (for a correction to start from). */
    public Identity identityOf(long personId) {
        PersonRow row = persons.findById(personId).orElseThrow(() -> DomainException.notFound("person.not-found"));
        Person p = Person.of(row);
        return new Identity(p.name(), p.gender(), p.birthDate(), idNumber(row));
    }

    /** Writes a corrected identity after {@link #checkCorrectedIdentity} (the caller audits it). */
    @Transactional
    public void correctIdentity(long personId, Identity corrected) {
        checkCorrectedIdentity(personId, corrected);
        IdNumber id = corrected.idNumber();
        if (persons.updateIdentity(personId, corrected.name().strip(), corrected.gender(), corrected.birthDate(),
                cipher.encrypt(ID_NUMBER_FIELD, id.value()), idHash(id), id.masked(), clock.instant()) != 1) {
            throw DomainException.notFound("person.not-found");
        }
    }

    /** Name, gender, birth date and ID number: what a certificate prints about its holder. */
    public record Identity(String name, Gender gender, java.time.LocalDate birthDate, IdNumber idNumber) {
    }

    private String idHash(IdNumber id) {
        return cipher.index(ID_NUMBER_FIELD, id.type() + ":" + id.value());
    }

    private String phoneHash(PhoneNumber phone) {
        return cipher.index(PHONE_FIELD, phone.value());
    }
}
