package cn.titlecert.person;

import java.time.Instant;

/** A stored photo's description; the bytes are read separately. */
public record Photo(Long id, long personId, String contentType, int sizeBytes, int width, int height, String sha256,
        boolean currentPhoto, String uploadedBy, Instant uploadedAt) {
}
