package cn.titlecert.certificate;

import java.time.Instant;
import java.time.LocalDate;

import cn.titlecert.application.AcquisitionPath;
import cn.titlecert.application.ReviewType;

/** A certificate as issued (without its PDF bytes): the printed fields are frozen at issue. */
public record Certificate(
        Long id,
        String number,
        Long applicationId,
        long personId,
        String holderName,
        AcquisitionPath path,
        ReviewType reviewType,
        String titleSeries,
        String titleSpecialty,
        String titleName,
        TitleLevel titleLevel,
        LocalDate obtainedOn,
        String reviewBodyName,
        String reportingUnitName,
        String declaringUnitName,
        String approvingUnitName,
        String approvalDocNumber,
        LocalDate approvalDate,
        String issuingAuthority,
        Long issuingOrgId,
        LocalDate issuedOn,
        LocalDate releaseOn,
        CertificateStatus status,
        String verifyTokenHash,
        Long photoId,
        String pdfSha256,
        String template,
        boolean rareCharacters,
        Long supersedesId,
        Instant revokedAt,
        String revokedBy,
        String revocationRemark,
        Instant createdAt,
        String reviewBodyOrganizerName,
        String generationKey,
        /** The holder's ID number as printed, masked (null on certificates of before it was kept). */
        String holderIdMasked) {

    /**
     * The holder's ID number as printed on this certificate, masked; for certificates of before it was kept, the
     * person's current one ({@code current}). What verification, the public query and third-party checks show.
     */
    public String idNumberMasked(java.util.function.Supplier<java.util.Optional<String>> current) {
        return holderIdMasked != null ? holderIdMasked : current.get().orElse(null);
    }

    /** The same certificate with the key the database gave it (the issuer need not read back what it wrote). */
    public Certificate withId(long newId) {
        return new Certificate(newId, number, applicationId, personId, holderName, path, reviewType, titleSeries,
                titleSpecialty, titleName, titleLevel, obtainedOn, reviewBodyName, reportingUnitName, declaringUnitName,
                approvingUnitName, approvalDocNumber, approvalDate, issuingAuthority, issuingOrgId, issuedOn, releaseOn,
                status, verifyTokenHash, photoId, pdfSha256, template, rareCharacters, supersedesId, revokedAt, revokedBy,
                revocationRemark, createdAt, reviewBodyOrganizerName, generationKey, holderIdMasked);
    }
}
