package cn.titlecert.verification;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import cn.titlecert.error.DomainException;
import cn.titlecert.error.ErrorMessages;

/**
 * The public third-party check page (R24), made for a phone: the verifier enters the holder's ID number,
 * certificate number and phone, then the six-digit code the holder passes on, and sees the certificate's status
 * and data (ID number masked). Every refusal is shown in words; starting is rate limited per address like the API.
 */
@Controller
class ThirdPartyCheckPageController {

    static final String PAGE = "third-party-check";

    private final ThirdPartyChecks checks;
    private final ThirdPartyCheckLimiter limiter;
    private final ErrorMessages errors;

    ThirdPartyCheckPageController(ThirdPartyChecks checks, ThirdPartyCheckLimiter limiter, ErrorMessages errors) {
        this.checks = checks;
        this.limiter = limiter;
        this.errors = errors;
    }

    @GetMapping("/third-party-check")
    String form(HttpServletResponse response) {
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        return PAGE;
    }

    @PostMapping("/third-party-check")
    String start(@RequestParam(required = false) String idNumber, @RequestParam(required = false) String certificateNumber,
            @RequestParam(required = false) String phone, Model model, HttpServletRequest request,
            HttpServletResponse response) {
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        model.addAttribute("certificateNumber", certificateNumber);
        if (PublicPageAnswers.refusedByLimit(limiter.tryAcquire(request.getRemoteAddr()), model, response, errors)) {
            return PAGE;
        }
        try {
            model.addAttribute("started", checks.start(idNumber, certificateNumber, phone));
        } catch (DomainException refused) {
            return refused(refused, model, response);
        }
        return PAGE;
    }

    @PostMapping("/third-party-check/{id}")
    String confirm(@PathVariable String id, @RequestParam(required = false) String code, Model model,
            HttpServletResponse response) {
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        try {
            model.addAttribute("checked", checks.confirm(id, code));
        } catch (DomainException refused) {
            if ("third-party.code-wrong".equals(refused.code())) {
                // Tries are left: the same code form again, with the message.
                model.addAttribute("started", new ThirdPartyChecks.Started(id, null));
            }
            return refused(refused, model, response);
        }
        return PAGE;
    }

    private String refused(DomainException refused, Model model, HttpServletResponse response) {
        PublicPageAnswers.refused(refused, model, response, errors);
        return PAGE;
    }
}
