package cn.titlecert.lifecycle;

import java.time.Instant;

/** One import as kept: who, when, how it ended and its counts (no personal data; the report is encrypted apart). */
public record CertificateImport(
        Long id,
        long organisationId,
        String importedBy,
        String fileName,
        ImportMode mode,
        String outcome,
        int totalRows,
        int importedRows,
        int rejectedRows,
        int newPersons,
        int eligibleRows,
        Instant createdAt) {
}
