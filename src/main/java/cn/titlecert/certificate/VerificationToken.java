package cn.titlecert.certificate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The secret in a certificate's QR code: 256 bits from {@link SecureRandom}, Base64url without padding
 * (43 characters). It is random, so it reveals nothing about the certificate; only its SHA-256 is stored, so a
 * copy of the database does not give the links away.
 */
public record VerificationToken(String value) {

    public static final int BYTES = 32;
    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();

    public VerificationToken {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("not a verification token");
        }
    }

    public static VerificationToken generate() {
        byte[] bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        return new VerificationToken(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** Whether a string from a URL has the token's shape (cheap check before any lookup). */
    public static boolean looksLikeToken(String candidate) {
        return candidate != null && FORMAT.matcher(candidate).matches();
    }

    /** The SHA-256 of the token, hex: what {@code certificate.verify_token_hash} holds. */
    public String hash() {
        return hash(value);
    }

    public static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "VerificationToken[****]";
    }
}
