package cn.titlecert.lifecycle;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import cn.titlecert.error.DomainException;
import cn.titlecert.persistence.GeneratedKey;
import cn.titlecert.privacy.PersonalDataCipher;

/**
 * Evidence files of a correction: PDF, JPEG or PNG recognised from their bytes (not their names), at most
 * {@value #MAX_FILES} files of {@value #MAX_BYTES} bytes each, stored encrypted (they show personal data).
 */
@Component
public class CorrectionEvidenceStore {

    static final int MAX_FILES = 5;
    static final int MAX_BYTES = 5 * 1024 * 1024;
    private static final String CONTENT_FIELD = "correction.evidence";

    private final CorrectionMapper corrections;
    private final PersonalDataCipher cipher;

    CorrectionEvidenceStore(CorrectionMapper corrections, PersonalDataCipher cipher) {
        this.corrections = corrections;
        this.cipher = cipher;
    }

    /** A file as received. */
    public record Upload(String fileName, byte[] content) {
    }

    /** A file as given back: its recognised type decides the content type. */
    public record Download(String fileName, String contentType, byte[] content) {
    }

    /** Checks every file before anything is written; returns them in order. */
    List<Upload> check(List<Upload> files) {
        if (files == null || files.isEmpty()) {
            return List.of();
        }
        if (files.size() > MAX_FILES) {
            throw DomainException.badRequest("correction.evidence-too-many", MAX_FILES);
        }
        for (Upload file : files) {
            String name = displayName(file.fileName());
            if (file.content() == null || file.content().length == 0) {
                throw DomainException.badRequest("correction.evidence-empty", name);
            }
            if (file.content().length > MAX_BYTES) {
                throw DomainException.badRequest("correction.evidence-too-large", name, MAX_BYTES / (1024 * 1024));
            }
            if (contentType(file.content()).isEmpty()) {
                throw DomainException.badRequest("correction.evidence-type", name);
            }
        }
        return List.copyOf(files);
    }

    void store(long correctionId, List<Upload> files, Instant now) {
        for (Upload file : files) {
            byte[] content = file.content();
            CorrectionEvidence row = new CorrectionEvidence(null, correctionId, displayName(file.fileName()),
                    contentType(content).orElseThrow(), content.length, sha256(content), now);
            corrections.insertEvidence(row, cipher.encryptBytes(CONTENT_FIELD, content), new GeneratedKey());
        }
    }

    Optional<Download> read(long correctionId, long evidenceId) {
        Optional<CorrectionEvidence> meta = corrections.findEvidence(correctionId).stream()
                .filter(e -> e.id() == evidenceId).findFirst();
        return meta.flatMap(m -> corrections.findEvidenceContent(correctionId, evidenceId)
                .map(stored -> new Download(m.fileName(), m.contentType(), cipher.decryptBytes(CONTENT_FIELD, stored))));
    }

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

    /** The last path segment, without control characters, at most 200 characters: never a path. */
    static String displayName(String raw) {
        String name = raw == null ? "" : raw.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).replaceAll("\\p{Cntrl}", "").strip();
        if (name.isEmpty()) {
            name = "evidence";
        }
        return name.length() > 200 ? name.substring(name.length() - 200) : name;
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
