package cn.titlecert.security;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import cn.titlecert.error.DomainException;
import cn.titlecert.error.ErrorMessages;

/** Changing one's own password on its page, where a sign-in with a temporary password leads. */
@Controller
class PasswordController {

    private final OwnPassword passwords;
    private final ErrorMessages errors;
    private static final SecurityContextRepository CONTEXTS = new HttpSessionSecurityContextRepository();

    PasswordController(OwnPassword passwords, ErrorMessages errors) {
        this.passwords = passwords;
        this.errors = errors;
    }

    @GetMapping(PasswordChangeGate.PAGE)
    String page(Authentication authentication, Model model) {
        model.addAttribute("required", mustChange(authentication));
        return "account-password";
    }

    @PostMapping(PasswordChangeGate.PAGE)
    String change(@AuthenticationPrincipal CurrentUser user, Authentication authentication,
            @RequestParam(required = false) String currentPassword, @RequestParam(required = false) String newPassword,
            @RequestParam(required = false) String confirmation, Model model, HttpServletRequest request,
            HttpServletResponse response) {
        try {
            if (newPassword == null || !newPassword.equals(confirmation)) {
                throw DomainException.badRequest("password.confirmation");
            }
            passwords.change(user, currentPassword, newPassword);
        } catch (DomainException e) {
            model.addAttribute("required", mustChange(authentication));
            model.addAttribute("error", errors.text(e.messageKey(), e.args()));
            response.setStatus(e.status().value());
            return "account-password";
        }
        signInAgain(authentication, request, response);
        return "redirect:/?password-changed";
    }

    private static boolean mustChange(Authentication authentication) {
        return authentication != null && authentication.getAuthorities().stream()
                .anyMatch(a -> PasswordChangeGate.AUTHORITY.equals(a.getAuthority()));
    }

    /** The session's sign-in, without the temporary password's restriction. */
    static void signInAgain(Authentication authentication, HttpServletRequest request, HttpServletResponse response) {
        List<? extends org.springframework.security.core.GrantedAuthority> kept = authentication.getAuthorities().stream()
                .filter(a -> !PasswordChangeGate.AUTHORITY.equals(a.getAuthority())).toList();
        UsernamePasswordAuthenticationToken renewed = UsernamePasswordAuthenticationToken.authenticated(
                authentication.getPrincipal(), null, kept);
        renewed.setDetails(authentication.getDetails());
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(renewed);
        SecurityContextHolder.setContext(context);
        if (request.getSession(false) != null) {
            CONTEXTS.saveContext(context, request, response);
        }
    }
}
