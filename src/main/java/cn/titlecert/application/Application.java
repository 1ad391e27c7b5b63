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
        int version,
        String reviewBodyName,
        LocalDate resultsFiledOn,
        LocalDate uploadDeadline,
        boolean uploadedLate,
        Long issuingBureauId,
        Long batchId,
        String duplicateGuard) {

    /** The key that makes a second active application for the same person and title a duplicate. */
    public static String duplicateGuardOf(long personId, String series, TitleLevel level, String titleName) {
        return personId + "|" + series.strip() + "|" + level + "|" + titleName.strip();
    }

    public boolean isCommitteePath() {
        return path == AcquisitionPath.SOCIAL_REVIEW || path == AcquisitionPath.SELF_REVIEW;
    }
}
