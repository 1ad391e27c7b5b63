package cn.titlecert.person;

import java.time.Instant;
import java.time.LocalDate;

/** A person as stored: personal numbers only as ciphertext, keyed hash and masked form. */
public record PersonRow(
        Long id,
        String name,
        Gender gender,
        LocalDate birthDate,
        IdType idType,
        String idNumberEnc,
        String idNumberHash,
        String idNumberMasked,
        String phoneEnc,
        String phoneHash,
        String phoneMasked,
        Long employerId,
        Instant createdAt,
        Instant updatedAt) {

    @Override
    public String toString() {
        return "PersonRow[id=" + id + ", idNumber=" + idNumberMasked + "]";
    }
}
