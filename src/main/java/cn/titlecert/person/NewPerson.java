package cn.titlecert.person;

import java.time.LocalDate;

/** What it takes to register a holder; the numbers are already validated. */
public record NewPerson(String name, Gender gender, LocalDate birthDate, IdNumber idNumber, PhoneNumber phone,
        Long employerId) {
}
