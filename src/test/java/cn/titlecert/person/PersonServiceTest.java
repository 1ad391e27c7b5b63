package cn.titlecert.person;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;

import cn.titlecert.TestIdNumbers;
import cn.titlecert.error.DomainException;

@SpringBootTest
@Transactional
class PersonServiceTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    @Autowired
    PersonService persons;

    @Autowired
    JdbcTemplate jdbc;

    private IdNumber newId() {
        return IdNumber.parse(IdType.RESIDENT_ID, TestIdNumbers.randomResidentId(), TODAY);
    }

    @Test
    void theDatabaseHoldsOnlyCiphertextHashAndMask() {
        IdNumber id = newId();
        PhoneNumber phone = PhoneNumber.parse(TestIdNumbers.randomPhone());
        Person person = persons.register(new NewPerson("王小明", null, null, id, phone, null));

        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM person WHERE id = ?", person.id());
        String everything = row.values().toString();
        assertThat(everything).doesNotContain(id.value()).doesNotContain(phone.value());
        assertThat(row.get("ID_NUMBER_MASKED") != null ? row.get("ID_NUMBER_MASKED") : row.get("id_number_masked"))
                .isEqualTo(id.masked());
        assertThat(person.idNumberMasked()).isEqualTo(id.masked());
        assertThat(person.phoneMasked()).isEqualTo(phone.masked());
        assertThat(person.birthDate()).isEqualTo(id.birthDate().orElseThrow());
        assertThat(person.gender()).isEqualTo(id.gender().orElseThrow());

        assertThat(persons.idNumberOf(person.id())).isEqualTo(id);
        assertThat(persons.phoneOf(person.id())).contains(phone);
    }

    @Test
    void aPersonIsFoundByIdNumberAndPhoneWithoutDecryptingTheTable() {
        IdNumber id = newId();
        PhoneNumber phone = PhoneNumber.parse(TestIdNumbers.randomPhone());
        Person person = persons.register(new NewPerson("李华", null, null, id, phone, null));
        assertThat(persons.findByIdNumber(id)).map(Person::id).contains(person.id());
        assertThat(persons.findByIdNumber(newId())).isEmpty();
        assertThat(persons.findByPhone(phone)).extracting(Person::id).containsExactly(person.id());
    }

    @Test
    void theSameIdNumberCannotBeRegisteredTwice() {
        IdNumber id = newId();
        persons.register(new NewPerson("甲", null, null, id, null, null));
        assertThatThrownBy(() -> persons.register(new NewPerson("乙", null, null, id, null, null)))
                .isInstanceOf(DomainException.class).extracting(e -> ((DomainException) e).code())
                .isEqualTo("person.exists");
    }

    @Test
    void birthDateAndGenderMustAgreeWithTheIdNumber() {
        IdNumber id = IdNumber.parse(IdType.RESIDENT_ID, TestIdNumbers.residentId(LocalDate.of(1980, 3, 3), true), TODAY);
        assertThatThrownBy(() -> persons.register(new NewPerson("甲", null, LocalDate.of(1980, 3, 4), id, null, null)))
                .extracting(e -> ((DomainException) e).code()).isEqualTo("person.birth-date-mismatch");
        assertThatThrownBy(() -> persons.register(new NewPerson("甲", Gender.F, null, id, null, null)))
                .extracting(e -> ((DomainException) e).code()).isEqualTo("person.gender-mismatch");
        assertThatThrownBy(() -> persons.register(new NewPerson(" ", null, null, id, null, null)))
                .extracting(e -> ((DomainException) e).code()).isEqualTo("person.name-required");
    }

    @Test
    void aPhoneNumberCanBeChanged() {
        Person person = persons.register(new NewPerson("丙", null, null, newId(), null, null));
        assertThat(persons.phoneOf(person.id())).isEmpty();
        PhoneNumber phone = PhoneNumber.parse(TestIdNumbers.randomPhone());
        persons.changePhone(person.id(), phone);
        assertThat(persons.phoneOf(person.id())).contains(phone);
        assertThat(persons.find(person.id()).orElseThrow().phoneMasked()).isEqualTo(phone.masked());
    }
}
