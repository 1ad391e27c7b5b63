package cn.titlecert.lifecycle;

import java.time.Instant;

/** An evidence file's description (the content stays in the database, encrypted). */
public record CreditEvidence(long id, long creditRecordId, String fileName, String contentType, int sizeBytes,
        String sha256, String uploadedBy, Instant uploadedAt) {
}
