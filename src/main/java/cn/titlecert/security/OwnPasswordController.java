package cn.titlecert.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/me/password}: the caller changes their own password (a temporary one first of all). */
@RestController
class OwnPasswordController {

    record PasswordChange(String currentPassword, String newPassword) {
    }

    private final OwnPassword passwords;

    OwnPasswordController(OwnPassword passwords) {
        this.passwords = passwords;
    }

    @PostMapping("/api/me/password")
    ResponseEntity<Void> change(@AuthenticationPrincipal CurrentUser user, Authentication authentication,
            @RequestBody(required = false) PasswordChange body, HttpServletRequest request, HttpServletResponse response) {
        passwords.change(user, body == null ? null : body.currentPassword(), body == null ? null : body.newPassword());
        PasswordController.signInAgain(authentication, request, response);
        return ResponseEntity.noContent().build();
    }
}
