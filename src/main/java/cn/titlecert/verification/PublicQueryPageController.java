package cn.titlecert.verification;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import cn.titlecert.error.DomainException;
import cn.titlecert.error.ErrorMessages;
import cn.titlecert.person.IdType;

/**
 * The public query page (R22) for anyone, made for a phone: any two of name, ID number and certificate number, the
 * same empty answer whether nothing exists or the fields do not belong together, and the API's rate limit.
 */
@Controller
class PublicQueryPageController {

    static final String PAGE = "public-query";

    private final PublicQuery query;
    private final PublicQueryLimiter limiter;
    private final ErrorMessages errors;

    PublicQueryPageController(PublicQuery query, PublicQueryLimiter limiter, ErrorMessages errors) {
        this.query = query;
        this.limiter = limiter;
        this.errors = errors;
    }

    @GetMapping("/query")
    String form(HttpServletResponse response) {
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        return PAGE;
    }

    @PostMapping("/query")
    String find(@RequestParam(required = false) String name, @RequestParam(required = false) String idNumber,
            @RequestParam(required = false) String certificateNumber, Model model, HttpServletRequest request,
            HttpServletResponse response) {
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        // The name and certificate number are kept in the form; the ID number is never sent back.
        model.addAttribute("name", name);
        model.addAttribute("certificateNumber", certificateNumber);
        if (PublicPageAnswers.refusedByLimit(limiter.tryAcquire(request.getRemoteAddr()), model, response, errors)) {
            return PAGE;
        }
        try {
            List<PublicQuery.Result> results = query.find(new PublicQuery.Query(name, IdType.RESIDENT_ID, idNumber,
                    certificateNumber));
            model.addAttribute("results", results);
        } catch (DomainException refused) {
            PublicPageAnswers.refused(refused, model, response, errors);
        }
        return PAGE;
    }
}
