package cn.titlecert.certificate;

import java.time.LocalDate;
import java.util.List;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import cn.titlecert.security.CurrentUser;
import cn.titlecert.verification.Annotation;
import cn.titlecert.verification.AnnotationProperties;
import cn.titlecert.verification.Annotations;

/**
 * "My certificates" (R21): a holder's released certificates with their status and the signed PDF to download
 * (staff see those of their scope). A holder's certificate appears from its release date (R7). The holder also
 * annotates certificates here (R26) and downloads the annotated copies made.
 */
@Controller
class CertificatePageController {

    private final CertificateService certificates;
    private final CertificateMapper certificateRows;
    private final Annotations annotations;

    CertificatePageController(CertificateService certificates, CertificateMapper certificateRows,
            Annotations annotations) {
        this.certificates = certificates;
        this.certificateRows = certificateRows;
        this.annotations = annotations;
    }

    /** A row of the holder's annotated copies (R26). */
    record AnnotationRow(String number, String titleName, Annotation annotation, boolean expired) {
    }

    @GetMapping("/certificates")
    String list(@AuthenticationPrincipal CurrentUser user, Model model) {
        List<Certificate> visible = certificates.visibleTo(user, CertificateService.MAX_PAGE, 0);
        model.addAttribute("certificates", visible);
        // A holder's certificate before its release day is listed as pending, without the download (R7).
        model.addAttribute("today", user.isHolderOnly() ? certificates.today() : LocalDate.MAX);
        if (user.isHolderOnly() && user.personId() != null) {
            // Issued but not yet released: the holder learns when, not more.
            LocalDate nextRelease = certificateRows.findByPerson(user.personId()).stream()
                    .map(Certificate::releaseOn).filter(d -> d != null && d.isAfter(certificates.today()))
                    .min(LocalDate::compareTo).orElse(null);
            model.addAttribute("nextRelease", nextRelease);
            // Annotation (R26): the holder's released, valid certificates can be annotated; copies made are listed.
            LocalDate today = certificates.today();
            model.addAttribute("annotatable", visible.stream()
                    .filter(c -> c.status() == CertificateStatus.VALID && certificates.released(c)).toList());
            model.addAttribute("annotations", visible.stream().filter(certificates::released)
                    .flatMap(c -> annotations.list(user, c.number()).stream()
                            .map(a -> new AnnotationRow(c.number(), c.titleName(), a, a.expiredOn(today))))
                    .sorted(java.util.Comparator.comparing((AnnotationRow r) -> r.annotation().createdAt()).reversed())
                    .toList());
            AnnotationProperties settings = annotations.settings();
            model.addAttribute("annotationDays", java.time.temporal.ChronoUnit.DAYS.between(today, today.plus(settings.validity())));
            model.addAttribute("annotationSettings", settings);
        }
        return "certificates";
    }
}
