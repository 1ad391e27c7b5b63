package cn.titlecert.verification;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import cn.titlecert.error.DomainException;

/**
 * {@code GET /api/public/verify/{token}}: the JSON twin of the verification page, for apps and integrators.
 * An unknown, forged or malformed token answers 404 {@code verification.not-found}.
 */
@RestController
@RequestMapping("/api/public/verify")
class VerificationController {

    private final CertificateVerification verification;

    VerificationController(CertificateVerification verification) {
        this.verification = verification;
    }

    record VerificationView(CertificateVerification.Verified certificate, String photoUrl) {
    }

    @GetMapping("/{token}")
    ResponseEntity<VerificationView> verify(@PathVariable String token) {
        CertificateVerification.Verified verified = verification.verify(token, "api")
                .orElseThrow(() -> DomainException.notFound("verification.not-found"));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .header("Referrer-Policy", "no-referrer")
                .body(new VerificationView(verified, verified.hasPhoto() ? "/verify/" + token + "/photo" : null));
    }
}
