package cn.titlecert.person;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.titlecert.audit.AuditTrail;
import cn.titlecert.error.DomainException;
import cn.titlecert.organisation.OrganisationService;
import cn.titlecert.security.CurrentUser;

/**
 * Staff register and look up the holders of their organisations. Answers carry ID and phone numbers
 * masked only; every look-up of a person by staff is audited.
 */
@RestController
@RequestMapping("/api/persons")
class PersonController {

    private final PersonService persons;
    private final PersonMapper personRows;
    private final OrganisationService organisations;
    private final AuditTrail audit;
    private final Clock clock;

    PersonController(PersonService persons, PersonMapper personRows, OrganisationService organisations,
            AuditTrail audit, Clock clock) {
        this.persons = persons;
        this.personRows = personRows;
        this.organisations = organisations;
        this.audit = audit;
        this.clock = clock;
    }

    record PersonRequest(
            @NotBlank @Size(max = 100) String name,
            Gender gender,
            LocalDate birthDate,
            @NotNull IdType idType,
            @NotBlank String idNumber,
            String phone,
            @NotNull Long employerId) {
    }

    record PersonView(long id, String name, Gender gender, LocalDate birthDate, IdType idType, String idNumber,
            String phone, Long employerId) {
        static PersonView of(Person p) {
            return new PersonView(p.id(), p.name(), p.gender(), p.birthDate(), p.idType(), p.idNumberMasked(),
                    p.phoneMasked(), p.employerId());
        }
    }

    @PostMapping
    @Transactional
    ResponseEntity<PersonView> register(@AuthenticationPrincipal CurrentUser user,
            @Valid @RequestBody PersonRequest request) {
        requireStaff(user);
        organisations.requireInScope(user, request.employerId());
        IdNumber idNumber = IdNumber.parse(request.idType(), request.idNumber(), LocalDate.now(clock));
        PhoneNumber phone = request.phone() == null || request.phone().isBlank() ? null : PhoneNumber.parse(request.phone());
        Person person = persons.register(new NewPerson(request.name(), request.gender(), request.birthDate(), idNumber,
                phone, request.employerId()));
        audit.record(user, "PERSON_REGISTERED", "person", person.id(), "employer=" + request.employerId(), null);
        return ResponseEntity.created(URI.create("/api/persons/" + person.id())).body(PersonView.of(person));
    }

    @GetMapping
    @Transactional
    List<PersonView> inScope(@AuthenticationPrincipal CurrentUser user,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        requireStaff(user);
        int limit = Math.min(Math.max(size, 1), 200);
        int offset = Math.max(page, 0) * limit;
        List<PersonView> found = personRows.findInScope(user.scopePath(), limit, offset).stream().map(Person::of)
                .map(PersonView::of).toList();
        audit.record(user, "PERSONS_LISTED", "person", null, "page=" + page + ", results=" + found.size(), null);
        return found;
    }

    @GetMapping("/{id}")
    @Transactional
    PersonView one(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        Person person = persons.find(id).orElseThrow(() -> DomainException.notFound("person.not-found"));
        if (user.isHolderOnly()) {
            if (user.personId() == null || user.personId() != id) {
                throw DomainException.notFound("person.not-found");
            }
            return PersonView.of(person);
        }
        if (person.employerId() == null || !organisations.isInScope(user, person.employerId())) {
            throw DomainException.notFound("person.not-found");
        }
        audit.record(user, "PERSON_VIEWED", "person", id, null, null);
        return PersonView.of(person);
    }

    /** Check a number the way registration would, without storing anything. */
    @PostMapping("/id-number-checks")
    IdNumberCheck checkIdNumber(@AuthenticationPrincipal CurrentUser user, @RequestBody IdNumberCheckRequest request) {
        IdNumber id = IdNumber.parse(request.idType() == null ? IdType.RESIDENT_ID : request.idType(),
                request.idNumber(), LocalDate.now(clock));
        return new IdNumberCheck(true, id.masked(), id.birthDate().orElse(null), id.gender().orElse(null));
    }

    record IdNumberCheckRequest(IdType idType, String idNumber) {
    }

    record IdNumberCheck(boolean valid, String idNumber, LocalDate birthDate, Gender gender) {
    }

    private static void requireStaff(CurrentUser user) {
        if (user.isHolderOnly()) {
            throw DomainException.forbidden("forbidden");
        }
    }

}
