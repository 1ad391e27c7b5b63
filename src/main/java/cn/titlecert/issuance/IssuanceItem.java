package cn.titlecert.issuance;

import java.time.Instant;

public record IssuanceItem(Long id, long batchId, long applicationId, long personId, ItemStatus status,
        String processInstanceId, Long certificateId, String excludedReason, String excludedBy, Instant updatedAt) {
}
