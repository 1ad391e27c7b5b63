package cn.titlecert;

import java.time.LocalDate;
import java.util.UUID;

import org.springframework.stereotype.Component;

import cn.titlecert.organisation.Organisation;
import cn.titlecert.organisation.OrganisationService;
import cn.titlecert.organisation.OrganisationType;
import cn.titlecert.person.IdNumber;
import cn.titlecert.person.IdType;
import cn.titlecert.person.NewPerson;
import cn.titlecert.person.Person;
import cn.titlecert.person.PersonService;
import cn.titlecert.person.PhoneNumber;

/** Builds fresh organisations and persons for a test; unique on every run, so a kept database is fine. */
@Component
public class TestData {

    private final OrganisationService organisations;
    private final PersonService persons;

    public TestData(OrganisationService organisations, PersonService persons) {
        this.organisations = organisations;
        this.persons = persons;
    }

    public Organisation organisation(OrganisationType type, Organisation parent) {
        String code = "T-" + UUID.randomUUID().toString().substring(0, 12);
        return organisations.create(code, "测试单位" + code, type, parent == null ? null : parent.id(), null);
    }

    public Person person(String name, Organisation employer) {
        IdNumber id = IdNumber.parse(IdType.RESIDENT_ID, TestIdNumbers.randomResidentId(), LocalDate.of(2026, 1, 1));
        return persons.register(new NewPerson(name, null, null, id, PhoneNumber.parse(TestIdNumbers.randomPhone()),
                employer == null ? null : employer.id()));
    }
}
