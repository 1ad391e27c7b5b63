package cn.titlecert.lifecycle;

import java.time.Instant;

/** A correction or reissue request as stored; {@code changesEnc} is the encrypted JSON of field → new value. */
public record Correction(
        Long id,
        long certificateId,
        CorrectionKind kind,
        CorrectionStatus status,
        String changesEnc,
        String changedFields,
        String reason,
        String requestedBy,
        Long requesterOrgId,
        Long reviewerOrgId,
        long bureauId,
        String processInstanceId,
        String decidedBy,
        String decisionReason,
        Long newCertificateId,
        Long openKey,
        Instant createdAt,
        Instant decidedAt) {

    public boolean open() {
        return status == CorrectionStatus.IN_REVIEW || status == CorrectionStatus.AT_BUREAU
                || status == CorrectionStatus.APPROVED;
    }
}
