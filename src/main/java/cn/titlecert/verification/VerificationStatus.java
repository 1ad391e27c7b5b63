package cn.titlecert.verification;

import cn.titlecert.certificate.CertificateStatus;

/**
 * What a verification shows: the certificate's own status, and for an annotated copy (R26) {@code EXPIRED} once
 * its validity is over. A revoked or superseded certificate shows that first: it matters more than the copy's age.
 */
public enum VerificationStatus {
    VALID, REVOKED, SUPERSEDED, EXPIRED;

    static VerificationStatus of(CertificateStatus status, boolean annotationExpired) {
        return switch (status) {
            case REVOKED -> REVOKED;
            case SUPERSEDED -> SUPERSEDED;
            case VALID -> annotationExpired ? EXPIRED : VALID;
        };
    }
}
