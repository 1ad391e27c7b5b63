package cn.titlecert.lifecycle;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.titlecert.certificate.Certificate;
import cn.titlecert.certificate.CertificateService;
import cn.titlecert.error.DomainException;
import cn.titlecert.error.ErrorMessages;
import cn.titlecert.lifecycle.Corrections.CorrectionView;
import cn.titlecert.security.CurrentUser;
import cn.titlecert.security.Role;

/**
 * Pages for the certificate's lifecycle: asking for a correction or reissue and following it (holder, employer),
 * deciding on it (approving unit, bureau), and revoking or reinstating (bureau). Each calls the same service as
 * the API, so the checks and messages are the same.
 */
@Controller
class LifecyclePageController {

    private final Corrections corrections;
    private final Revocations revocations;
    private final CertificateService certificates;
    private final ErrorMessages errors;

    LifecyclePageController(Corrections corrections, Revocations revocations, CertificateService certificates,
            ErrorMessages errors) {
        this.corrections = corrections;
        this.revocations = revocations;
        this.certificates = certificates;
        this.errors = errors;
    }

    @GetMapping("/corrections")
    String list(@AuthenticationPrincipal CurrentUser user, Model model) {
        model.addAttribute("corrections", corrections.visibleTo(user, 200, 0));
        return "corrections";
    }

    @GetMapping("/certificates/{number}/correction")
    String form(@AuthenticationPrincipal CurrentUser user, @PathVariable String number, Model model) {
        model.addAttribute("certificate", certificates.view(user, number));
        model.addAttribute("fields", Corrections.fieldNames());
        if (!model.containsAttribute("values")) {
            model.addAttribute("values", Map.of());
        }
        return "correction-new";
    }

    @PostMapping("/certificates/{number}/correction")
    String request(@AuthenticationPrincipal CurrentUser user, @PathVariable String number,
            @RequestParam MultiValueMap<String, String> fields,
            @RequestParam(name = "evidence", required = false) List<MultipartFile> evidence,
            RedirectAttributes redirect) {
        CorrectionForm form = CorrectionForm.of(fields, evidence);
        try {
            CorrectionView view = corrections.request(user, number, form.request(), form.files());
            redirect.addFlashAttribute("message", errors.text("correction.submitted", view.id()));
            return "redirect:/corrections/" + view.id();
        } catch (DomainException e) {
            redirect.addFlashAttribute("error", errors.text(e.messageKey(), e.args()));
            Map<String, String> values = new LinkedHashMap<>(form.changes());
            values.put("reason", fields.getFirst("reason"));
            values.put("kind", fields.getFirst("kind"));
            redirect.addFlashAttribute("values", values);
            return "redirect:/certificates/" + number + "/correction";
        }
    }

    @GetMapping("/corrections/{id}")
    String one(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, Model model) {
        CorrectionView view = corrections.find(user, id);
        model.addAttribute("correction", view);
        model.addAttribute("mayDecide", corrections.mayDecide(user, id));
        return "correction";
    }

    @PostMapping("/corrections/{id}/decision")
    String decide(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
            @RequestParam(required = false) String decision, @RequestParam(required = false) String decisionReason,
            RedirectAttributes redirect) {
        try {
            corrections.decide(user, id, decision, decisionReason);
            redirect.addFlashAttribute("message", errors.text("correction.decided", id));
        } catch (DomainException e) {
            redirect.addFlashAttribute("error", errors.text(e.messageKey(), e.args()));
        }
        return "redirect:/corrections/" + id;
    }

    @GetMapping("/certificates/{number}/revocation")
    String revocation(@AuthenticationPrincipal CurrentUser user, @PathVariable String number, Model model) {
        if (!user.has(Role.BUREAU)) {
            throw DomainException.forbidden("revocation.bureau-only");
        }
        Certificate certificate = certificates.view(user, number);
        model.addAttribute("certificate", certificate);
        model.addAttribute("reasons", RevocationReason.values());
        return "revocation";
    }

    @PostMapping("/certificates/{number}/revocation")
    String revoke(@AuthenticationPrincipal CurrentUser user, @PathVariable String number,
            @RequestParam(required = false) String reason, @RequestParam(required = false) String remark,
            RedirectAttributes redirect) {
        try {
            revocations.revoke(user, number, reason, remark);
            redirect.addFlashAttribute("message", errors.text("revocation.done", number));
        } catch (DomainException e) {
            redirect.addFlashAttribute("error", errors.text(e.messageKey(), e.args()));
        }
        return "redirect:/certificates/" + number + "/revocation";
    }

    @PostMapping("/certificates/{number}/reinstatement")
    String reinstate(@AuthenticationPrincipal CurrentUser user, @PathVariable String number,
            @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        try {
            revocations.reinstate(user, number, reason);
            redirect.addFlashAttribute("message", errors.text("reinstatement.done", number));
        } catch (DomainException e) {
            redirect.addFlashAttribute("error", errors.text(e.messageKey(), e.args()));
        }
        return "redirect:/certificates/" + number + "/revocation";
    }
}
