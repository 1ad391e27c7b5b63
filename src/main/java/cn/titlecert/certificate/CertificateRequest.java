package cn.titlecert.certificate;

import java.time.LocalDate;
import java.util.Optional;

import cn.titlecert.application.AcquisitionPath;
import cn.titlecert.application.ReviewType;

/**
 * What an approved case contributes to its certificate (R10). Names of organisations are passed as they are to
 * be printed, because the certificate freezes them.
 *
 * @param generationKey makes generation idempotent: a second request with the same key returns the first
 *        certificate ({@code application:<id>} for an application's first certificate)
 * @param issuingOrgId the issuing authority (its configuration picks the template and seal key)
 * @param releaseOn from when the holder may download it (R7: the 15th of the following month)
 */
public record CertificateRequest(
        String generationKey,
        Long applicationId,
        long personId,
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
        String reviewBodyOrganizerName,
        String approvingUnitName,
        String approvalDocNumber,
        LocalDate approvalDate,
        long issuingOrgId,
        LocalDate releaseOn) {

    public CertificateRequest {
        if (generationKey == null || generationKey.isBlank() || generationKey.length() > 80) {
            throw new IllegalArgumentException("a generation key (1-80 characters) is required");
        }
        if (titleSeries == null || titleName == null || titleLevel == null || obtainedOn == null) {
            throw new IllegalArgumentException("title series, name, level and date obtained are required");
        }
    }

    private static final String APPLICATION_KEY = "application:";

    public static String applicationKey(long applicationId) {
        return APPLICATION_KEY + applicationId;
    }

    /** The application an {@link #applicationKey} names; empty for any other text. */
    public static Optional<Long> applicationOfKey(String key) {
        if (key == null || !key.startsWith(APPLICATION_KEY)) {
            return Optional.empty();
        }
        String id = key.substring(APPLICATION_KEY.length());
        return id.matches("\\d{1,18}") ? Optional.of(Long.valueOf(id)) : Optional.empty();
    }
}
