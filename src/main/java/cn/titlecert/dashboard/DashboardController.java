package cn.titlecert.dashboard;

import java.time.LocalDate;
import java.util.Locale;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.titlecert.certificate.CertificateIssuer;
import cn.titlecert.error.DomainException;
import cn.titlecert.security.CurrentUser;

/** {@code GET /api/dashboard} (the contract's figures as JSON) and its export as CSV or Excel. */
@RestController
@RequestMapping("/api/dashboard")
class DashboardController {

    static final MediaType XLSX = MediaType
            .parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final DashboardService dashboards;
    private final DashboardExport export;

    DashboardController(DashboardService dashboards, DashboardExport export) {
        this.dashboards = dashboards;
        this.export = export;
    }

    @GetMapping
    DashboardService.Dashboard dashboard(@AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) String months, Locale locale) {
        dashboards.requireAllowed(user);
        return dashboards.build(user, DashboardService.parseMonths(months), locale);
    }

    @GetMapping("/export")
    ResponseEntity<byte[]> export(@AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) String months, @RequestParam(defaultValue = "csv") String format,
            Locale locale) {
        dashboards.requireAllowed(user);
        boolean excel = switch (format) {
            case "csv" -> false;
            case "xlsx" -> true;
            default -> throw DomainException.badRequest("dashboard.format-invalid");
        };
        DashboardService.Dashboard d = dashboards.build(user, DashboardService.parseMonths(months), locale);
        String name = "dashboard-" + LocalDate.ofInstant(d.generatedAt(), CertificateIssuer.CHINA) + (excel ? ".xlsx" : ".csv");
        return ResponseEntity.ok()
                .contentType(excel ? XLSX : new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(excel ? export.xlsx(d, locale) : export.csv(d, locale));
    }
}
