package cn.titlecert.application;

import java.time.Instant;
import java.time.LocalDate;

import cn.titlecert.certificate.TitleLevel;

/** One acquisition case as stored; personal data stays with the person it points to. */
public record Application(
        Long id,
        AcquisitionPath path,
        ReviewType reviewType,
        long personId,
        Long employerId,
        Long reviewBodyId,
        Long reportingUnitId,
        String titleSeries,
        String titleSpecialty,
        String titleName,
        TitleLevel titleLevel,
        LocalDate obtainedOn,
        ApplicationStatus status,
        String waitingStep,
        String processInstanceId,
        String issuanceMonth,
        String submittedBy,
        Instant submittedAt,
        Instant updatedAt,
        int version) {
}
