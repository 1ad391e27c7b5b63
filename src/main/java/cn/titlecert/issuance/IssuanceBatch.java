package cn.titlecert.issuance;

import java.time.Instant;
import java.time.LocalDate;

/** One issuing bureau's batch for one month, with the approval the bureau gave it (Guangxi: grant time, authority). */
public record IssuanceBatch(Long id, String issuanceMonth, long bureauId, BatchStatus status, String processInstanceId,
        LocalDate releaseOn, LocalDate grantDate, String grantAuthority, String documentNumber, String approvedBy,
        Instant approvedAt, Instant generatedAt, Instant releasedAt, Instant createdAt) {
}
