package cn.titlecert.application;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import cn.titlecert.error.DomainException;

import cn.titlecert.security.CurrentUser;

@RestController
@RequestMapping("/api/applications")
class ApplicationController {

    private final ApplicationService service;
    private final ApplicationQueries queries;
    private final ApplicationRevision revision;
    private final BatchUploadService batches;

    ApplicationController(ApplicationService service, ApplicationQueries queries, ApplicationRevision revision,
            BatchUploadService batches) {
        this.batches = batches;
        this.service = service;
        this.queries = queries;
        this.revision = revision;
    }

    @PostMapping
    ResponseEntity<ApplicationView> submit(@AuthenticationPrincipal CurrentUser user,
            @RequestBody ApplicationRequest request) {
        Application created = service.submit(user, request);
        return ResponseEntity.created(URI.create("/api/applications/" + created.id())).body(queries.view(created));
    }

    @GetMapping("/{id}")
    ApplicationView one(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        return queries.view(queries.requireViewed(user, id));
    }

    @GetMapping
    List<ApplicationView> list(@AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) ApplicationStatus status,
            @RequestParam(required = false) AcquisitionPath path,
            @RequestParam(defaultValue = "false") boolean late,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return queries.list(user, status, path, late, page, size).stream().map(queries::view).toList();
    }

    /** A committee's or exam agency's result list as JSON: imported whole, or not at all with a report. */
    @PostMapping(path = "/batch", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<BatchUploadService.Report> batchJson(@AuthenticationPrincipal CurrentUser user,
            @RequestBody List<ApplicationRequest> rows) {
        return answer(batches.uploadJson(user, rows));
    }

    /** The same as an .xlsx upload (multipart field {@code file}); the template is at {@code /batch/template}. */
    @PostMapping(path = "/batch", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<BatchUploadService.Report> batchWorkbook(@AuthenticationPrincipal CurrentUser user,
            @RequestParam("file") MultipartFile file) throws IOException {
        if (file.isEmpty()) {
            throw DomainException.badRequest("batch.empty");
        }
        try (InputStream in = file.getInputStream()) {
            return answer(batches.uploadWorkbook(user, file.getOriginalFilename(), in));
        }
    }

    @GetMapping("/batch/template")
    ResponseEntity<byte[]> template() {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("评审结果上传模板.xlsx", StandardCharsets.UTF_8).build().toString())
                .contentType(MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
                .body(ResultListWorkbook.template());
    }

    private static ResponseEntity<BatchUploadService.Report> answer(BatchUploadService.Report report) {
        return ResponseEntity.status(report.imported() ? HttpStatus.CREATED : HttpStatus.UNPROCESSABLE_ENTITY).body(report);
    }

    /** The applicant corrects a returned application and sends it back into review. */
    @PutMapping("/{id}")
    ApplicationView resubmit(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
            @RequestBody ApplicationRequest request) {
        return queries.view(revision.resubmit(user, id, request));
    }
}
