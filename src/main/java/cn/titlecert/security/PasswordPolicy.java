package cn.titlecert.security;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import cn.titlecert.error.DomainException;

/**
 * What a password chosen by its user must be: at least 10 characters with letters and digits, not containing the
 * user's own ID number or phone (the first things an attacker tries), and not one of the commonly used passwords in
 * {@code security/common-passwords.txt} (nor a run of fewer than four different characters). Each refusal says which
 * rule it broke. Staff and holders alike.
 */
@Component
public class PasswordPolicy {

    public static final int MIN_LENGTH = 10;
    public static final int MAX_LENGTH = 128;

    private static final String TEMPORARY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Set<String> common;

    public PasswordPolicy() {
        ClassPathResource list = new ClassPathResource("security/common-passwords.txt");
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(list.getInputStream(),
                StandardCharsets.UTF_8))) {
            this.common = reader.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .map(l -> l.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param personal the user's own numbers (ID number, phone) and name: the password may contain none of them
     */
    public void check(String password, Collection<String> personal) {
        if (password == null || password.length() < MIN_LENGTH) {
            throw DomainException.badRequest("password.too-short", MIN_LENGTH);
        }
        if (password.length() > MAX_LENGTH) {
            throw DomainException.badRequest("password.too-long", MAX_LENGTH);
        }
        boolean letter = password.codePoints().anyMatch(Character::isLetter);
        boolean digit = password.codePoints().anyMatch(c -> c >= '0' && c <= '9');
        if (!letter || !digit) {
            throw DomainException.badRequest("password.letters-and-digits");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        for (String value : personal) {
            if (value != null && value.length() >= 4 && lower.contains(value.toLowerCase(Locale.ROOT))) {
                throw DomainException.badRequest("password.personal");
            }
        }
        if (common.contains(lower) || lower.codePoints().distinct().count() < 4) {
            throw DomainException.badRequest("password.common");
        }
    }

    /**
     * A temporary password the product hands out (a new staff account's, a reset): 16 characters, about 92 bits,
     * letters and digits without look-alikes. Its user must replace it at the first sign-in.
     */
    public static String temporary() {
        while (true) {
            StringBuilder password = new StringBuilder(16);
            for (int i = 0; i < 16; i++) {
                password.append(TEMPORARY_ALPHABET.charAt(RANDOM.nextInt(TEMPORARY_ALPHABET.length())));
            }
            String candidate = password.toString();
            if (candidate.chars().anyMatch(Character::isDigit) && candidate.chars().anyMatch(Character::isLetter)) {
                return candidate;
            }
        }
    }
}
