package cn.titlecert.web;

import jakarta.servlet.http.HttpSession;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import cn.titlecert.security.LoginCaptcha;
import cn.titlecert.security.LoginPageState;

@Controller
class LoginController {

    private final LoginCaptcha captcha;

    LoginController(LoginCaptcha captcha) {
        this.captcha = captcha;
    }

    @GetMapping("/login")
    String login(Authentication authentication, HttpSession session, Model model) {
        if (authentication != null && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken)) {
            return "redirect:/";
        }
        LoginPageState.takeFrom(session).ifPresent(state -> {
            model.addAttribute("loginError", state.reason());
            model.addAttribute("loginWait", state.waitSeconds());
            model.addAttribute("captcha", state.captcha());
            model.addAttribute("lastUsername", state.username());
        });
        return "login";
    }

    /** The picture code of the login page: a new one on every request, never cached. */
    @GetMapping(value = "/login/captcha", produces = MediaType.IMAGE_PNG_VALUE)
    ResponseEntity<byte[]> captcha(HttpSession session) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(MediaType.IMAGE_PNG)
                .body(captcha.issue(session));
    }
}
