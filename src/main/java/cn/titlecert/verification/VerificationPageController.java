package cn.titlecert.verification;

import java.util.Optional;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The page a QR code opens ({@code /verify/{token}}): no sign-in, made for a phone. It shows the certificate's
 * status and data with the ID number masked, and its photo through a URL that works only with the same token.
 * Anything else gets a plain "not found" page with status 404.
 */
@Controller
class VerificationPageController {

    private final CertificateVerification verification;

    VerificationPageController(CertificateVerification verification) {
        this.verification = verification;
    }

    @GetMapping("/verify/{token}")
    String page(@PathVariable String token, Model model, HttpServletResponse response) {
        Optional<CertificateVerification.Verified> verified = verification.verify(token, "page");
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        // The token is in the address: do not hand it to another site as a referrer.
        response.setHeader("Referrer-Policy", "no-referrer");
        if (verified.isEmpty()) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            return "verify-not-found";
        }
        model.addAttribute("certificate", verified.get());
        model.addAttribute("token", token);
        return "verify";
    }

    @GetMapping("/verify/{token}/photo")
    ResponseEntity<byte[]> photo(@PathVariable String token) {
        return verification.photo(token)
                .map(jpeg -> ResponseEntity.ok().contentType(MediaType.IMAGE_JPEG).cacheControl(CacheControl.noStore())
                        .header("Referrer-Policy", "no-referrer").body(jpeg))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).cacheControl(CacheControl.noStore()).build());
    }
}
