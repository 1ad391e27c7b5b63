package cn.titlecert.certificate;

import java.time.LocalDate;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import cn.titlecert.security.CurrentUser;

/**
 * "My certificates" (R21): a holder's released certificates with their status and the signed PDF to download
 * (staff see those of their scope). A holder's certificate appears from its release date (R7).
 */
@Controller
class CertificatePageController {

    private final CertificateService certificates;
    private final CertificateMapper certificateRows;

    CertificatePageController(CertificateService certificates, CertificateMapper certificateRows) {
        this.certificates = certificates;
        this.certificateRows = certificateRows;
    }

    @GetMapping("/certificates")
    String list(@AuthenticationPrincipal CurrentUser user, Model model) {
        model.addAttribute("certificates", certificates.visibleTo(user, CertificateService.MAX_PAGE, 0));
        // A holder's certificate before its release day is listed as pending, without the download (R7).
        model.addAttribute("today", user.isHolderOnly() ? certificates.today() : LocalDate.MAX);
        if (user.isHolderOnly() && user.personId() != null) {
            // Issued but not yet released: the holder learns when, not more.
            LocalDate nextRelease = certificateRows.findByPerson(user.personId()).stream()
                    .map(Certificate::releaseOn).filter(d -> d != null && d.isAfter(certificates.today()))
                    .min(LocalDate::compareTo).orElse(null);
            model.addAttribute("nextRelease", nextRelease);
        }
        return "certificates";
    }
}
