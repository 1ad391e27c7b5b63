package cn.titlecert.person;

import java.time.LocalDate;

/**
 * A holder as the rest of the product sees one: the ID and phone numbers only in masked form. The
 * clear numbers are read through {@link PersonService} when a use needs them (the holder's own view,
 * a verification that compares them).
 */
public record Person(
        long id,
        String name,
        Gender gender,
        LocalDate birthDate,
        IdType idType,
        String idNumberMasked,
        String phoneMasked,
        Long employerId) {

    static Person of(PersonRow row) {
        return new Person(row.id(), row.name(), row.gender(), row.birthDate(), row.idType(), row.idNumberMasked(),
                row.phoneMasked(), row.employerId());
    }
}
