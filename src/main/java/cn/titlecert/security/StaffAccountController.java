package cn.titlecert.security;

import java.net.URI;
import java.util.List;
import java.util.Set;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Staff accounts for administrators and issuing bureaus (their own subtree): see {@link StaffAccounts}. */
@RestController
@RequestMapping("/api/staff-accounts")
class StaffAccountController {

    record AccountRequest(String username, String displayName, String email, Set<Role> roles, Long organisationId) {
        StaffAccounts.Changes changes() {
            return new StaffAccounts.Changes(displayName, email, roles, organisationId);
        }
    }

    record Disabling(String reason) {
    }

    private final StaffAccounts accounts;

    StaffAccountController(StaffAccounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping
    List<StaffAccounts.StaffAccount> list(@AuthenticationPrincipal CurrentUser user,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return accounts.list(user, page, size);
    }

    @GetMapping("/{username}")
    StaffAccounts.StaffAccount one(@AuthenticationPrincipal CurrentUser user, @PathVariable String username) {
        return accounts.one(user, username);
    }

    /** Answers the account with its temporary password, shown this once; it must be changed at the first sign-in. */
    @PostMapping
    ResponseEntity<StaffAccounts.Issued> create(@AuthenticationPrincipal CurrentUser user,
            @RequestBody AccountRequest request) {
        StaffAccounts.Issued issued = accounts.create(user, request == null ? null : request.username(),
                request == null ? null : request.changes());
        return ResponseEntity.created(URI.create("/api/staff-accounts/" + issued.account().username())).body(issued);
    }

    @PutMapping("/{username}")
    StaffAccounts.StaffAccount update(@AuthenticationPrincipal CurrentUser user, @PathVariable String username,
            @RequestBody AccountRequest request) {
        return accounts.update(user, username, request == null ? null : request.changes());
    }

    @PostMapping("/{username}/disabling")
    StaffAccounts.StaffAccount disable(@AuthenticationPrincipal CurrentUser user, @PathVariable String username,
            @RequestBody(required = false) Disabling body) {
        return accounts.setEnabled(user, username, false, body == null ? null : body.reason());
    }

    @PostMapping("/{username}/enabling")
    StaffAccounts.StaffAccount enable(@AuthenticationPrincipal CurrentUser user, @PathVariable String username) {
        return accounts.setEnabled(user, username, true, null);
    }

    /** A new temporary password, shown this once; the account must change it at its next sign-in. */
    @PostMapping("/{username}/password-reset")
    StaffAccounts.Issued resetPassword(@AuthenticationPrincipal CurrentUser user, @PathVariable String username) {
        return accounts.resetPassword(user, username);
    }
}
