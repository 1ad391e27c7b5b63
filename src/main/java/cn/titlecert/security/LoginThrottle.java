package cn.titlecert.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Failed sign-ins, counted in the shared database so that every node of a cluster applies the same limits.
 * <ul>
 * <li>A client address that keeps failing waits before each further attempt, longer each time (1 s, 2 s, 4 s … up to
 * {@code maxDelay}), whichever account it tries: this slows a guesser without touching anyone else.</li>
 * <li>An account that keeps failing is never locked: its login page asks for a picture code, so its holder still
 * signs in while a script does not. A sign-in that cannot show a picture (HTTP Basic) then waits per account.</li>
 * <li>A success forgets the account's failures (not the address's: one's own account cannot wash an address).</li>
 * </ul>
 * Accounts and addresses are kept as hashes. The password is not looked at while an attempt must wait.
 */
@Service
public class LoginThrottle {

    /** Whether the attempt came with a picture code, and whether it was right. */
    public enum Captcha {
        SOLVED, WRONG, ABSENT, IMPOSSIBLE
    }

    private final LoginThrottleMapper rows;
    private final LoginProperties limits;
    private final Clock clock;

    public LoginThrottle(LoginThrottleMapper rows, LoginProperties limits, Clock clock) {
        this.rows = rows;
        this.limits = limits;
        this.clock = clock;
    }

    /**
     * Throws {@link LoginRefusedException} if this attempt may not check its password now. Answers whether the account
     * has failures counted, which a success must then forget ({@link #succeeded}); most sign-ins have none, and write
     * nothing.
     */
    @Transactional
    public boolean beforeAttempt(String username, String address, Captcha captcha) {
        Instant now = clock.instant();
        Optional<LoginThrottleMapper.Row> byAddress = current(addressKey(address), now);
        if (byAddress.isPresent() && blocked(byAddress.get(), now)) {
            throw new LoginRefusedException(LoginRefusedException.Reason.WAIT, secondsUntil(byAddress.get(), now));
        }
        Optional<LoginThrottleMapper.Row> byAccount = current(accountKey(username), now);
        if (byAccount.isEmpty() || byAccount.get().failures() < limits.captchaAfter()) {
            return byAccount.isPresent();
        }
        switch (captcha) {
            case SOLVED -> {
            }
            case ABSENT -> throw new LoginRefusedException(LoginRefusedException.Reason.CAPTCHA_REQUIRED, 0);
            case WRONG -> {
                count(addressKey(address), now, limits.freeFailuresPerAddress());
                throw new LoginRefusedException(LoginRefusedException.Reason.CAPTCHA_WRONG, 0);
            }
            case IMPOSSIBLE -> {
                if (blocked(byAccount.get(), now)) {
                    throw new LoginRefusedException(LoginRefusedException.Reason.WAIT, secondsUntil(byAccount.get(), now));
                }
            }
        }
        return true;
    }

    /** Whether the login page should show the picture code for this account. */
    @Transactional(readOnly = true)
    public boolean captchaNeeded(String username) {
        return current(accountKey(username), clock.instant()).map(r -> r.failures() >= limits.captchaAfter()).orElse(false);
    }

    @Transactional
    public void failed(String username, String address) {
        Instant now = clock.instant();
        count(addressKey(address), now, limits.freeFailuresPerAddress());
        count(accountKey(username), now, limits.captchaAfter());
    }

    @Transactional
    public void succeeded(String username) {
        rows.delete(accountKey(username));
    }

    private void count(String subject, Instant now, int free) {
        int failures = current(subject, now).map(LoginThrottleMapper.Row::failures).orElse(0) + 1;
        Instant blockedUntil = failures <= free ? null : now.plus(delay(failures - free));
        if (rows.update(subject, failures, now, blockedUntil) == 0) {
            try {
                rows.insert(subject, failures, now, blockedUntil);
            } catch (DuplicateKeyException e) {
                rows.update(subject, failures, now, blockedUntil); // another node counted at the same moment
            }
        }
    }

    /** 1 s for the first failure beyond the free ones, doubling, at most {@code maxDelay}. */
    Duration delay(int beyondFree) {
        long seconds = beyondFree >= 40 ? Long.MAX_VALUE : 1L << (beyondFree - 1);
        return seconds >= limits.maxDelay().toSeconds() ? limits.maxDelay() : Duration.ofSeconds(seconds);
    }

    /** The row if its last failure is within the window; older failures are forgotten. */
    private Optional<LoginThrottleMapper.Row> current(String subject, Instant now) {
        return rows.find(subject).filter(r -> r.lastFailureAt().plus(limits.window()).isAfter(now));
    }

    private static boolean blocked(LoginThrottleMapper.Row row, Instant now) {
        return row.blockedUntil() != null && row.blockedUntil().isAfter(now);
    }

    private static long secondsUntil(LoginThrottleMapper.Row row, Instant now) {
        return Math.max(1, now.until(row.blockedUntil(), ChronoUnit.MILLIS) / 1000 + 1);
    }

    static String accountKey(String username) {
        return "account:" + sha256(username == null ? "" : username);
    }

    static String addressKey(String address) {
        return "address:" + sha256(address == null ? "" : address);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
