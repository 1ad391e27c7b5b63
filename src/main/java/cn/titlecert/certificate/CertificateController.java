package cn.titlecert.certificate;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.titlecert.application.AcquisitionPath;
import cn.titlecert.application.ReviewType;
import cn.titlecert.security.CurrentUser;

/** Certificates as their holder and staff in scope see them (never the verification token). */
@RestController
@RequestMapping("/api/certificates")
public class CertificateController {

    private final CertificateService certificates;

    public CertificateController(CertificateService certificates) {
        this.certificates = certificates;
    }

    public record CertificateView(String number, String holderName, AcquisitionPath path, ReviewType reviewType,
            String titleSeries, String titleSpecialty, String titleName, TitleLevel titleLevel, LocalDate obtainedOn,
            String reviewBodyName, String reportingUnitName, String declaringUnitName, String reviewBodyOrganizerName,
            String approvingUnitName, String approvalDocNumber, LocalDate approvalDate, String issuingAuthority,
            LocalDate issuedOn, LocalDate releaseOn, CertificateStatus status, String template, boolean rareCharacters,
            String pdfSha256, Instant revokedAt, String revocationRemark, boolean released) {

        static CertificateView of(Certificate c, boolean released) {
            return new CertificateView(c.number(), c.holderName(), c.path(), c.reviewType(), c.titleSeries(),
                    c.titleSpecialty(), c.titleName(), c.titleLevel(), c.obtainedOn(), c.reviewBodyName(),
                    c.reportingUnitName(), c.declaringUnitName(), c.reviewBodyOrganizerName(), c.approvingUnitName(),
                    c.approvalDocNumber(), c.approvalDate(), c.issuingAuthority(), c.issuedOn(), c.releaseOn(),
                    c.status(), c.template(), c.rareCharacters(), c.pdfSha256(), c.revokedAt(), c.revocationRemark(),
                    released);
        }
    }

    /** {@code rareCharacters=true}: staff's list of certificates whose names the review body annotates by hand. */
    @GetMapping
    List<CertificateView> list(@AuthenticationPrincipal CurrentUser user,
            @RequestParam(defaultValue = "false") boolean rareCharacters,
            @RequestParam(defaultValue = "50") int limit, @RequestParam(defaultValue = "0") int offset) {
        List<Certificate> found = rareCharacters ? certificates.flaggedForAnnotation(user, limit, offset)
                : certificates.visibleTo(user, limit, offset);
        return found.stream().map(c -> CertificateView.of(c, certificates.released(c))).toList();
    }

    @GetMapping("/{number}")
    CertificateView one(@AuthenticationPrincipal CurrentUser user, @PathVariable String number) {
        Certificate found = certificates.view(user, number);
        return CertificateView.of(found, certificates.released(found));
    }

    @GetMapping("/{number}/pdf")
    ResponseEntity<byte[]> pdf(@AuthenticationPrincipal CurrentUser user, @PathVariable String number) {
        byte[] pdf = certificates.download(user, number);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(number + ".pdf").build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(pdf);
    }
}
