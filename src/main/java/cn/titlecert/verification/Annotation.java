package cn.titlecert.verification;

import java.time.Instant;
import java.time.LocalDate;

/** An annotated copy (加注, R26) of a certificate, without its PDF bytes. */
public record Annotation(
        Long id,
        long certificateId,
        String scenario,
        LocalDate annotatedOn,
        LocalDate expiresOn,
        String verifyTokenHash,
        String pdfSha256,
        Instant createdAt,
        String createdBy) {

    /** In force through its expiry date ("有效期至"), counted in China's calendar. */
    public boolean expiredOn(LocalDate today) {
        return today.isAfter(expiresOn);
    }
}
