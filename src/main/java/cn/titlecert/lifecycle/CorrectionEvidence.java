package cn.titlecert.lifecycle;

import java.time.Instant;

/** One evidence file of a correction (without its encrypted content). */
public record CorrectionEvidence(Long id, long correctionId, String fileName, String contentType, long sizeBytes,
        String sha256, Instant createdAt) {
}
