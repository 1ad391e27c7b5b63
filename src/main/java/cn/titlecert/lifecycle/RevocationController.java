package cn.titlecert.lifecycle;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import cn.titlecert.certificate.Certificate;
import cn.titlecert.certificate.CertificateStatus;
import cn.titlecert.security.CurrentUser;

/** The bureau revokes a certificate (R16), or reinstates one it revoked by mistake; both are audited. */
@RestController
@RequestMapping("/api/certificates/{number}")
class RevocationController {

    private final Revocations revocations;

    RevocationController(Revocations revocations) {
        this.revocations = revocations;
    }

    record RevocationRequest(String reason, String remark) {
    }

    record ReinstatementRequest(String reason) {
    }

    record Outcome(String number, CertificateStatus status) {
        static Outcome of(Certificate c) {
            return new Outcome(c.number(), c.status());
        }
    }

    @PostMapping("/revocation")
    Outcome revoke(@AuthenticationPrincipal CurrentUser user, @PathVariable String number,
            @RequestBody RevocationRequest request) {
        return Outcome.of(revocations.revoke(user, number, request.reason(), request.remark()));
    }

    @PostMapping("/reinstatement")
    Outcome reinstate(@AuthenticationPrincipal CurrentUser user, @PathVariable String number,
            @RequestBody ReinstatementRequest request) {
        return Outcome.of(revocations.reinstate(user, number, request.reason()));
    }
}
