package cn.titlecert.certificate;

import java.time.Instant;

/** Who revoked a certificate, why, and (if it happened) who reinstated it and why (R16, R20). */
public record RevocationRecord(Instant revokedAt, String revokedBy, String revocationReason, String revocationRemark,
        Instant reinstatedAt, String reinstatedBy, String reinstatementReason) {
}
