package cn.titlecert.lifecycle;

import java.time.LocalDate;

import cn.titlecert.application.AcquisitionPath;
import cn.titlecert.application.ReviewType;
import cn.titlecert.certificate.TitleLevel;
import cn.titlecert.person.Gender;
import cn.titlecert.person.IdNumber;
import cn.titlecert.person.PhoneNumber;

/**
 * One row of a historical-certificate sheet, checked: a paper certificate as it was issued. {@code complete} when
 * it carries everything an e-certificate prints (R10): review body, approving unit, approval document and date.
 * {@code toString()} shows no clear personal number (IdNumber and PhoneNumber mask themselves).
 */
record HistoricalRecord(
        int row,
        String name,
        Gender gender,
        LocalDate birthDate,
        IdNumber idNumber,
        PhoneNumber phone,
        String series,
        String specialty,
        String titleName,
        TitleLevel level,
        ReviewType reviewType,
        AcquisitionPath path,
        LocalDate obtainedOn,
        String reviewBodyName,
        String approvingUnitName,
        String approvalDocNumber,
        LocalDate approvalDate,
        String number,
        String issuingAuthority,
        LocalDate issuedOn,
        Long employerId) {

    boolean complete() {
        return reviewBodyName != null && approvingUnitName != null && approvalDocNumber != null && approvalDate != null
                && specialty != null;
    }

    /** Same person, title, level and date: the second row (or record) is the same certificate. */
    String personTitleKey(String personKey) {
        return personKey + "|" + level + "|" + titleName + "|" + obtainedOn;
    }
}
