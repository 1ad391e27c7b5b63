package cn.titlecert.lifecycle;

import java.time.Instant;

/** One act on a credit record: RECORDED, AMENDED, EVIDENCE_ADDED, WITHDRAWN. */
public record CreditRecordEvent(long id, long creditRecordId, String act, String changedFields, String reason,
        String actor, Long organisationId, Instant occurredAt) {
}
