package cn.titlecert.audit;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.titlecert.error.DomainException;
import cn.titlecert.security.CurrentUser;

/**
 * The audit trail for the bureau and administrators: filtered entries (newest first, the total in
 * {@code X-Total-Count}), the chain check, and an export as CSV or .xlsx.
 */
@RestController
@RequestMapping("/api/audit")
class AuditController {

    private final AuditQueries queries;

    AuditController(AuditQueries queries) {
        this.queries = queries;
    }

    record Verification(boolean intact, long entries, Long firstBrokenEntryId, AuditChain.Problem problem) {
    }

    @GetMapping
    ResponseEntity<List<AuditQueries.EntryView>> list(@AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) String actor, @RequestParam(required = false) Long organisationId,
            @RequestParam(required = false) String action, @RequestParam(required = false) String entityType,
            @RequestParam(required = false) String entityId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        AuditQueries.Page found = queries.search(user,
                new AuditQueries.Criteria(actor, organisationId, action, entityType, entityId, from, to), page, size);
        return ResponseEntity.ok().header("X-Total-Count", String.valueOf(found.total()))
                .cacheControl(CacheControl.noStore()).body(found.entries());
    }

    @GetMapping("/verification")
    Verification verification(@AuthenticationPrincipal CurrentUser user) {
        AuditChain.Check check = queries.verify(user);
        return new Verification(check.intact(), check.entries(), check.firstBrokenEntryId(), check.problem());
    }

    @GetMapping("/export")
    ResponseEntity<byte[]> export(@AuthenticationPrincipal CurrentUser user,
            @RequestParam(defaultValue = "csv") String format,
            @RequestParam(required = false) String actor, @RequestParam(required = false) Long organisationId,
            @RequestParam(required = false) String action, @RequestParam(required = false) String entityType,
            @RequestParam(required = false) String entityId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        AuditQueries.requireReader(user);
        AuditExport.Sink sink;
        MediaType type;
        switch (format) {
            case "csv" -> {
                sink = AuditExport.csv();
                type = new MediaType("text", "csv", StandardCharsets.UTF_8);
            }
            case "xlsx" -> {
                sink = AuditExport.xlsx("audit");
                type = MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
            }
            default -> throw DomainException.badRequest("audit.export-format");
        }
        try {
            queries.export(user, new AuditQueries.Criteria(actor, organisationId, action, entityType, entityId, from, to),
                    format, sink::add);
        } catch (RuntimeException e) {
            sink.finish();
            throw e;
        }
        return ResponseEntity.ok().contentType(type).cacheControl(CacheControl.noStore())
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename("audit." + format).build().toString())
                .body(sink.finish());
    }
}
