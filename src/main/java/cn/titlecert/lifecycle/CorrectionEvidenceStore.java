package cn.titlecert.lifecycle;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import cn.titlecert.certificate.PdfSignatureCheck;
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
            if (EvidenceFiles.contentType(file.content()).isEmpty()) {
                throw DomainException.badRequest("correction.evidence-type", name);
            }
        }
        return List.copyOf(files);
    }

    void store(long correctionId, List<Upload> files, Instant now) {
        for (Upload file : files) {
            byte[] content = file.content();
            CorrectionEvidence row = new CorrectionEvidence(null, correctionId, displayName(file.fileName()),
                    EvidenceFiles.contentType(content).orElseThrow(), content.length, PdfSignatureCheck.sha256(content), now);
            corrections.insertEvidence(row, cipher.encryptBytes(CONTENT_FIELD, content), new GeneratedKey());
        }
    }

    Optional<Download> read(long correctionId, long evidenceId) {
        Optional<CorrectionEvidence> meta = corrections.findEvidence(correctionId).stream()
                .filter(e -> e.id() == evidenceId).findFirst();
        return meta.flatMap(m -> corrections.findEvidenceContent(correctionId, evidenceId)
                .map(stored -> new Download(m.fileName(), m.contentType(), cipher.decryptBytes(CONTENT_FIELD, stored))));
    }

    /** The client's file name as shown and stored: never a path, never empty, at most 200 characters. */
    static String displayName(String raw) {
        String name = EvidenceFiles.baseName(raw);
        if (name.isEmpty()) {
            name = "evidence";
        }
        return name.length() > 200 ? name.substring(name.length() - 200) : name;
    }
}
