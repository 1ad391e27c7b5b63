package cn.titlecert.application;

import java.time.LocalDate;

import cn.titlecert.certificate.TitleLevel;
import cn.titlecert.person.Gender;
import cn.titlecert.person.IdType;

/** An application as {@code POST /api/applications} takes it (and one row of a batch upload). */
public record ApplicationRequest(
        AcquisitionPath path,
        ReviewType reviewType,
        PersonData person,
        TitleData title,
        LocalDate obtainedOn,
        Long employerId,
        Long reviewBodyId,
        String reviewBodyName,
        LocalDate resultsFiledOn) {

    public record PersonData(String name, Gender gender, LocalDate birthDate, IdType idType, String idNumber,
            String phone) {
        @Override
        public String toString() {
            return "PersonData[name=" + name + "]";
        }
    }

    public record TitleData(String series, String specialty, String name, TitleLevel level) {
    }
}
