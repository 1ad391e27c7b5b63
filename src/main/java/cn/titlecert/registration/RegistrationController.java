package cn.titlecert.registration;

import java.time.LocalDate;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import cn.titlecert.error.ErrorMessages;
import cn.titlecert.person.Gender;
import cn.titlecert.person.IdType;
import cn.titlecert.verification.RateLimiter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * {@code POST /api/public/registrations} and {@code …/{id}/confirm}: a holder registers their own account, no login.
 * Starting is rate limited per client address here, and per phone and ID number by {@link HolderRegistrations};
 * confirming by the registration's five tries.
 */
@RestController
@RequestMapping("/api/public/registrations")
@Tag(name = "Holder registration", description = "Holders register their own account: details, a code by text, a password")
class RegistrationController {

    private final HolderRegistrations registrations;
    private final RegistrationLimiter limiter;
    private final ErrorMessages errors;

    RegistrationController(HolderRegistrations registrations, RegistrationLimiter limiter, ErrorMessages errors) {
        this.registrations = registrations;
        this.limiter = limiter;
        this.errors = errors;
    }

    /** {@code gender} and {@code birthDate}: only for a document that does not carry them (not a resident ID). */
    record Start(String name, IdType idType, String idNumber, String phone, Gender gender, LocalDate birthDate) {
    }

    record Confirm(String code, String username, String password) {
    }

    @Operation(summary = "Start a registration",
            description = "Name, ID type and number, mobile phone. The answer is the same whatever the records hold: if "
                    + "the details match the bureau's record (and the phone is the one on file), or the number is not on "
                    + "record yet, a six-digit code is sent to that phone; otherwise no code can be right.")
    @ApiResponse(responseCode = "202", description = "the registration's id and when it expires (10 minutes)")
    @ApiResponse(responseCode = "400", description = "a field is missing or malformed")
    @ApiResponse(responseCode = "429", description = "too many registrations from this address, for this phone or ID number")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> start(@RequestBody(required = false) Start body, HttpServletRequest request) {
        RateLimiter.Decision decision = limiter.tryAcquire(request.getRemoteAddr());
        if (!decision.allowed()) {
            return errors.tooManyRequests(decision.retryAfterSeconds());
        }
        Start s = body == null ? new Start(null, null, null, null, null, null) : body;
        return ResponseEntity.status(HttpStatus.ACCEPTED).cacheControl(CacheControl.noStore())
                .body(registrations.start(s.name(), s.idType(), s.idNumber(), s.phone(), s.gender(), s.birthDate()));
    }

    @Operation(summary = "Confirm a registration",
            description = "The code sent, a username (4-32 characters: a lower-case letter first, then letters, digits, "
                    + "'.', '_' or '-') and a password (at least 10 characters with letters and digits, not containing "
                    + "the ID number or phone, not a common password). Creates the holder's account.")
    @ApiResponse(responseCode = "201", description = "the account was created: sign in with the username and password")
    @ApiResponse(responseCode = "400", description = "wrong code (tries left in the message), username or password refused")
    @ApiResponse(responseCode = "404", description = "no such registration")
    @ApiResponse(responseCode = "409", description = "locked after too many wrong codes, used, or the username is taken")
    @ApiResponse(responseCode = "410", description = "expired")
    @PostMapping(path = "/{id}/confirm", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<HolderRegistrations.Registered> confirm(@PathVariable String id,
            @RequestBody(required = false) Confirm body) {
        Confirm c = body == null ? new Confirm(null, null, null) : body;
        return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore())
                .body(registrations.confirm(id, c.code(), c.username(), c.password()));
    }
}
