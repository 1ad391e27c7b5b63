package cn.titlecert.application;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import cn.titlecert.certificate.TitleLevel;

/** An application as {@code GET /api/applications/{id}} shows it: personal numbers masked. */
public record ApplicationView(
        long id,
        long personId,
        PersonSummary person,
        AcquisitionPath path,
        ReviewType reviewType,
        Title title,
        LocalDate obtainedOn,
        Long employerId,
        Long reviewBodyId,
        String reviewBodyName,
        Long reportingUnitId,
        Long issuingBureauId,
        ApplicationStatus status,
        WaitingFor waitingFor,
        List<DecisionView> decisions,
        String issuanceMonth,
        String processInstanceId,
        LocalDate resultsFiledOn,
        LocalDate uploadDeadline,
        boolean uploadedLate,
        String submittedBy,
        Instant submittedAt,
        Instant updatedAt,
        int version) {

    public record PersonSummary(String name, String idNumber) {
    }

    public record Title(String series, String specialty, String name, TitleLevel level) {
    }

    /** The step a case waits on: a task id of the BPMN (or MONTHLY_ISSUANCE), its name, who must act. */
    public record WaitingFor(String step, String name, Long organisationId, String taskId) {
    }

    public record DecisionView(String step, String stepName, Decision decision, String reason, String decidedBy,
            Long organisationId, Instant decidedAt) {
    }
}
