package cn.titlecert.lifecycle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.util.MultiValueMap;
import org.springframework.web.multipart.MultipartFile;

/**
 * A correction as a multipart form carries it (the page, and the API's multipart variant): {@code kind},
 * {@code reason}, one {@code change.<field>} per field to correct (blank ones are not changes) and the files
 * {@code evidence} (an empty file input sends an empty part, which is not a file).
 */
record CorrectionForm(CorrectionRequest request, Map<String, String> changes,
        List<CorrectionEvidenceStore.Upload> files) {

    static final String CHANGE_PREFIX = "change.";

    static CorrectionForm of(MultiValueMap<String, String> fields, List<MultipartFile> evidence) {
        Map<String, String> changes = new LinkedHashMap<>();
        fields.forEach((name, values) -> {
            if (name.startsWith(CHANGE_PREFIX) && !values.isEmpty() && values.get(0) != null
                    && !values.get(0).isBlank()) {
                changes.put(name.substring(CHANGE_PREFIX.length()), values.get(0));
            }
        });
        List<CorrectionEvidenceStore.Upload> files = new ArrayList<>();
        for (MultipartFile file : evidence == null ? List.<MultipartFile>of() : evidence) {
            if (file.isEmpty() && (file.getOriginalFilename() == null || file.getOriginalFilename().isBlank())) {
                continue;
            }
            try {
                files.add(new CorrectionEvidenceStore.Upload(file.getOriginalFilename(), file.getBytes()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new CorrectionForm(new CorrectionRequest(fields.getFirst("kind"), changes, fields.getFirst("reason")),
                changes, files);
    }
}
