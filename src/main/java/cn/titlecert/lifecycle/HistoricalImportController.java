package cn.titlecert.lifecycle;

import java.io.IOException;
import java.io.InputStream;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import cn.titlecert.error.DomainException;
import cn.titlecert.security.CurrentUser;

/** Historical certificates from Excel (R18): the template, the upload with its report, the report as CSV. */
@RestController
@RequestMapping("/api/imports/certificates")
public class HistoricalImportController {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final HistoricalImportService imports;
    private final HistoricalTemplate template;

    public HistoricalImportController(HistoricalImportService imports, HistoricalTemplate template) {
        this.imports = imports;
        this.template = template;
    }

    @GetMapping("/template")
    ResponseEntity<byte[]> template(@AuthenticationPrincipal CurrentUser user) {
        HistoricalImportService.requireBureau(user);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(XLSX))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("历史职称证书导入模板.xlsx", java.nio.charset.StandardCharsets.UTF_8).build().toString())
                .body(template.workbook());
    }

    /**
     * Multipart field {@code file}; {@code mode} {@code allOrNothing} (default: a file with any bad row imports
     * nothing) or {@code validRowsOnly} (the good rows are imported, the report says which were not). 201 when
     * something was stored, 422 with the report when nothing was.
     */
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<HistoricalImportService.Report> upload(@AuthenticationPrincipal CurrentUser user,
            @RequestParam(name = "file", required = false) MultipartFile file,
            @RequestParam(name = "mode", required = false) String mode) throws IOException {
        HistoricalImportService.requireBureau(user);
        ImportMode chosen = ImportMode.parse(mode);
        if (file == null || file.isEmpty()) {
            throw DomainException.badRequest("import.empty-file");
        }
        try (InputStream in = file.getInputStream()) {
            HistoricalImportService.Report report = imports.importFile(user, file.getOriginalFilename(), file.getSize(),
                    in, chosen);
            return ResponseEntity.status("REJECTED".equals(report.outcome()) ? HttpStatus.UNPROCESSABLE_ENTITY
                    : HttpStatus.CREATED).body(report);
        }
    }

    @GetMapping("/{id}/report")
    ResponseEntity<byte[]> report(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("import-" + id + "-report.csv").build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(imports.report(user, id));
    }
}
