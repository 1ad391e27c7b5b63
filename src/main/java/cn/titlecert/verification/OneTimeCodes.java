package cn.titlecert.verification;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

import org.springframework.stereotype.Component;

import cn.titlecert.error.TooManyRequestsException;
import cn.titlecert.notification.Notifications;
import cn.titlecert.privacy.PersonalDataCipher;

/**
 * Six-digit codes sent by text message, shared by everything that confirms a phone with one (third-party checks,
 * holder registration): the code kept only as a keyed hash, compared in constant time, its message encrypted until
 * {@link #purge}; and the database-counted limits per phone (or per certificate, per ID number) over time windows.
 */
@Component
public class OneTimeCodes {

    public static final String MASKED_CODE = "******";
    /** How many lock rows a feature's lock table has: a subject (phone, certificate, ID number) is one of them. */
    public static final int LOCK_STRIPES = 64;
    /** Compared with when a request has no code (it matched nothing), so that both take the same time. */
    private static final byte[] NO_CODE = "0".repeat(64).getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** How many requests asked for one subject since a moment, and the oldest of them (null if none). */
    public record Requests(long count, Instant oldest) {
    }

    /** A limit over a window, with what was counted in it. */
    public record Window(Requests requests, int limit, Duration length) {
    }

    private final PersonalDataCipher cipher;
    private final Notifications notifications;

    public OneTimeCodes(PersonalDataCipher cipher, Notifications notifications) {
        this.cipher = cipher;
        this.notifications = notifications;
    }

    public String newCode() {
        return String.format("%06d", RANDOM.nextInt(1_000_000));
    }

    /** The keyed hash kept instead of the code: bound to the request's public id and to the feature's field. */
    public String hash(String field, String publicId, String code) {
        return cipher.index(field, publicId + ":" + code);
    }

    /**
     * Whether the code given is the one hashed, in constant time; a request without a code ({@code expectedHash}
     * null) is hashed and compared all the same, so the time taken tells neither how much of the code was right nor
     * whether the request had matched.
     */
    public boolean matches(String expectedHash, String field, String publicId, String code) {
        String given = code == null ? "" : code.strip();
        boolean wellFormed = given.matches("\\d{6}");
        byte[] expected = expectedHash == null ? NO_CODE : expectedHash.getBytes(StandardCharsets.US_ASCII);
        byte[] actual = hash(field, publicId, given).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, actual) & wellFormed & expectedHash != null;
    }

    /**
     * Sends a text carrying the code: {@code text} is kept encrypted until {@code until} (or {@link #purge}),
     * {@code withoutCode} (the same text with {@link #MASKED_CODE}) is what stays.
     *
     * @return the message's id, to purge it once the code is used
     */
    public long send(String phone, String topic, String text, String withoutCode, Instant until) {
        return notifications.secretSms(phone, topic, text, withoutCode, until);
    }

    /** The code's act is over (confirmed, locked, expired): its message keeps the code masked only. */
    public void purge(Long notificationId) {
        if (notificationId != null) {
            notifications.purgeSecret(notificationId);
        }
    }

    /** The lock rows of these keyed hashes, ascending and distinct (so two requests never wait for each other). */
    public static List<Integer> stripes(Collection<String> indexes) {
        return indexes.stream().map(i -> Integer.parseInt(i.substring(0, 4), 16) % LOCK_STRIPES).distinct().sorted()
                .toList();
    }

    /**
     * Refuses with 429 (message {@code code}) when any window is full, with the seconds until the fullest has room
     * again (when its oldest request leaves it).
     */
    public static void refuseOverLimit(String code, Instant now, Window... windows) {
        long retryAfter = 0;
        for (Window w : windows) {
            if (w.requests().count() >= w.limit()) {
                retryAfter = Math.max(retryAfter,
                        Math.max(1, Duration.between(now, w.requests().oldest().plus(w.length())).toSeconds() + 1));
            }
        }
        if (retryAfter > 0) {
            throw new TooManyRequestsException(code, retryAfter);
        }
    }
}
