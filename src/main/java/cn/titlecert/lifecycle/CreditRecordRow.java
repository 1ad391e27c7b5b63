package cn.titlecert.lifecycle;

import java.time.Instant;
import java.time.LocalDate;

/** A credit_record row as stored (facts encrypted); joined with the certificate's number and the organisation's name. */
public record CreditRecordRow(
        Long id,
        long personId,
        Long certificateId,
        String certificateNumber,
        CreditRecordKind kind,
        String factsEnc,
        String evidenceReference,
        CreditDecision decision,
        Integer recordYears,
        LocalDate decidedOn,
        CreditRecordStatus status,
        long organisationId,
        String organisationName,
        String recordedBy,
        Instant recordedAt,
        Instant updatedAt,
        String withdrawnReason) {
}
