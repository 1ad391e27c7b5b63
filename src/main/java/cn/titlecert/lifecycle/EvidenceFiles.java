package cn.titlecert.lifecycle;

import java.util.Optional;

/**
 * What evidence files (of corrections and of credit records) have in common: the kinds accepted, recognised from
 * the bytes and never from the name or the declared type, and a display name that is never a path.
 */
final class EvidenceFiles {

    private EvidenceFiles() {
    }

    /** {@code application/pdf}, {@code image/jpeg} or {@code image/png}; empty for anything else. */
    static Optional<String> contentType(byte[] b) {
        if (b.length >= 5 && b[0] == '%' && b[1] == 'P' && b[2] == 'D' && b[3] == 'F' && b[4] == '-') {
            return Optional.of("application/pdf");
        }
        if (b.length >= 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF) {
            return Optional.of("image/jpeg");
        }
        if (b.length >= 8 && (b[0] & 0xFF) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G' && b[4] == 0x0D
                && b[5] == 0x0A && b[6] == 0x1A && b[7] == 0x0A) {
            return Optional.of("image/png");
        }
        return Optional.empty();
    }

    /** The last segment of the client's file name (either slash), without control characters: never a path. */
    static String baseName(String raw) {
        String name = raw == null ? "" : raw.replace('\\', '/');
        return name.substring(name.lastIndexOf('/') + 1).replaceAll("\\p{Cntrl}", "").strip();
    }
}
