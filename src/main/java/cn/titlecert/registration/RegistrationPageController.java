package cn.titlecert.registration;

import java.time.LocalDate;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import cn.titlecert.error.DomainException;
import cn.titlecert.error.ErrorMessages;
import cn.titlecert.person.Gender;
import cn.titlecert.person.IdType;
import cn.titlecert.verification.PublicPageAnswers;

/**
 * The registration page, made for a phone: the details, then the code with a username and a password, then a link
 * to sign in. Every refusal is shown in words; starting is rate limited per address like the API.
 */
@Controller
class RegistrationPageController {

    static final String PAGE = "register";

    private final HolderRegistrations registrations;
    private final RegistrationLimiter limiter;
    private final ErrorMessages errors;

    RegistrationPageController(HolderRegistrations registrations, RegistrationLimiter limiter, ErrorMessages errors) {
        this.registrations = registrations;
        this.limiter = limiter;
        this.errors = errors;
    }

    @GetMapping("/register")
    String form(Model model, HttpServletResponse response) {
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        model.addAttribute("idTypes", IdType.values());
        return PAGE;
    }

    @PostMapping("/register")
    String start(@RequestParam(required = false) String name, @RequestParam(required = false) IdType idType,
            @RequestParam(required = false) String idNumber, @RequestParam(required = false) String phone,
            @RequestParam(required = false) Gender gender,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate birthDate,
            Model model, HttpServletRequest request, HttpServletResponse response) {
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        model.addAttribute("idTypes", IdType.values());
        model.addAttribute("name", name);
        model.addAttribute("idType", idType);
        if (PublicPageAnswers.refusedByLimit(limiter.tryAcquire(request.getRemoteAddr()), model, response, errors)) {
            return PAGE;
        }
        try {
            model.addAttribute("started", registrations.start(name, idType, idNumber, phone, gender, birthDate));
        } catch (DomainException refused) {
            PublicPageAnswers.refused(refused, model, response, errors);
        }
        return PAGE;
    }

    @PostMapping("/register/{id}")
    String confirm(@PathVariable String id, @RequestParam(required = false) String code,
            @RequestParam(required = false) String username, @RequestParam(required = false) String password,
            @RequestParam(required = false) String passwordAgain, Model model, HttpServletResponse response) {
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        model.addAttribute("username", username);
        try {
            if (password == null || !password.equals(passwordAgain)) {
                throw DomainException.badRequest("registration.password-mismatch");
            }
            model.addAttribute("registered", registrations.confirm(id, code, username, password));
        } catch (DomainException refused) {
            if (refused.status().value() == 400 || "registration.username-taken".equals(refused.code())) {
                // A wrong code with tries left, a refused username or password: the same form again, with the message.
                model.addAttribute("started", new HolderRegistrations.Started(id, null));
            }
            PublicPageAnswers.refused(refused, model, response, errors);
        }
        return PAGE;
    }
}
