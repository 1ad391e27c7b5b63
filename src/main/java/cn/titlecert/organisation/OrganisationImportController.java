package cn.titlecert.organisation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import cn.titlecert.error.DomainException;
import cn.titlecert.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** A tree of organisations from Excel: the template and the upload with its row-by-row report. */
@RestController
@RequestMapping("/api/organisations/import")
@Tag(name = "organisations")
class OrganisationImportController {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    /** A tree of a few thousand organisations is far below this. */
    static final long MAX_BYTES = 5L * 1024 * 1024;

    private final OrganisationImport imports;
    private final OrganisationTemplate template;

    OrganisationImportController(OrganisationImport imports, OrganisationTemplate template) {
        this.imports = imports;
        this.template = template;
    }

    @GetMapping("/template")
    @Operation(summary = "The .xlsx template for importing organisations",
            description = "Drop-downs for the type and the parent code (the caller's organisations, then the sheet's "
                    + "own rows); administrators and bureau staff.")
    ResponseEntity<byte[]> template(@AuthenticationPrincipal CurrentUser user) {
        OrganisationManagement.requireManager(user);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(XLSX))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("单位导入模板.xlsx", StandardCharsets.UTF_8).build().toString())
                .body(template.workbook(user));
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Import organisations from .xlsx (multipart field file)",
            description = "All rows or none: 201 with the report when every row was stored, 422 with the row-by-row "
                    + "report when any row is wrong (nothing stored).",
            responses = {@ApiResponse(responseCode = "201", description = "every row imported"),
                    @ApiResponse(responseCode = "422", description = "nothing imported; the report lists each problem"),
                    @ApiResponse(responseCode = "400", description = "not an .xlsx, no rows, missing columns")})
    ResponseEntity<OrganisationImport.Report> upload(@AuthenticationPrincipal CurrentUser user,
            @RequestParam(name = "file", required = false) MultipartFile file) throws IOException {
        OrganisationImport.Report report = importFile(imports, user, file);
        return ResponseEntity.status("REJECTED".equals(report.outcome()) ? HttpStatus.UNPROCESSABLE_ENTITY
                : HttpStatus.CREATED).body(report);
    }

    static OrganisationImport.Report importFile(OrganisationImport imports, CurrentUser user, MultipartFile file)
            throws IOException {
        OrganisationManagement.requireManager(user);
        if (file == null || file.isEmpty()) {
            throw DomainException.badRequest("organisation-import.empty-file");
        }
        if (file.getSize() > MAX_BYTES) {
            throw DomainException.badRequest("organisation-import.too-large", MAX_BYTES / 1024 / 1024);
        }
        try (InputStream in = file.getInputStream()) {
            return imports.importFile(user, in);
        }
    }
}
