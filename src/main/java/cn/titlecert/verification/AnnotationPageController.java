package cn.titlecert.verification;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.titlecert.error.DomainException;
import cn.titlecert.error.ErrorMessages;
import cn.titlecert.security.CurrentUser;

/**
 * The annotation form on "my certificates" (R26): makes the annotated copy and returns to the page, where it is
 * listed for download; a refusal is shown there in the holder's language.
 */
@Controller
class AnnotationPageController {

    private final Annotations annotations;
    private final ErrorMessages errors;

    AnnotationPageController(Annotations annotations, ErrorMessages errors) {
        this.annotations = annotations;
        this.errors = errors;
    }

    @PostMapping("/certificates/{number}/annotations")
    String annotate(@AuthenticationPrincipal CurrentUser user, @PathVariable String number,
            @RequestParam(required = false) String scenario, RedirectAttributes redirect) {
        try {
            Annotation made = annotations.annotate(user, number, scenario).annotation();
            redirect.addFlashAttribute("message", errors.text("annotations.created", made.expiresOn().toString()));
            redirect.addFlashAttribute("newAnnotationId", made.id());
        } catch (DomainException refused) {
            redirect.addFlashAttribute("error", errors.text(refused.messageKey(), refused.args()));
        }
        return "redirect:/certificates";
    }
}
