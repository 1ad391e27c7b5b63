package cn.titlecert.security;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Set;

import cn.titlecert.error.DomainException;

/**
 * What a password must be: at least 10 characters with letters and digits, at most 128, not the account's name (nor
 * other words of the account given, such as an ID number or phone), and not one of the passwords every guesser tries
 * first. Temporary passwords the product hands out follow it too.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 10;
    public static final int MAX_LENGTH = 128;

    /** The most guessed passwords and patterns of Chinese and English lists, as far as they reach 10 characters. */
    private static final Set<String> COMMON = Set.of("1234567890", "0123456789", "12345678910", "123456789a",
            "a123456789", "abc1234567", "abcd123456", "qwerty1234", "1qaz2wsx3edc", "qwertyuiop", "password12",
            "password123", "passw0rd12", "admin12345", "admin123456", "woaini1314", "iloveyou12", "5201314520",
            "1q2w3e4r5t", "zxcvbnm123", "aa123456789", "qq123456789", "abc123456789", "demo123456", "changeme12",
            "welcome123", "p@ssw0rd12", "1234qwer12", "asdfghjkl1");
    private static final String TEMPORARY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordPolicy() {
    }

    /** Throws a 400 with the rule broken; {@code personal} are words of the account a password must not contain. */
    public static void check(String password, String... personal) {
        if (password == null || password.length() < MIN_LENGTH) {
            throw DomainException.badRequest("password.too-short", MIN_LENGTH);
        }
        if (password.length() > MAX_LENGTH) {
            throw DomainException.badRequest("password.too-long", MAX_LENGTH);
        }
        boolean letter = password.chars().anyMatch(Character::isLetter);
        boolean digit = password.chars().anyMatch(Character::isDigit);
        if (!letter || !digit) {
            throw DomainException.badRequest("password.letters-and-digits");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        for (String word : personal) {
            if (word != null && word.length() >= 4 && lower.contains(word.toLowerCase(Locale.ROOT))) {
                throw DomainException.badRequest("password.personal");
            }
        }
        if (COMMON.contains(lower) || lower.chars().distinct().count() < 4) {
            throw DomainException.badRequest("password.common");
        }
    }

    /** A random temporary password of 16 characters (about 92 bits), letters and digits without look-alikes. */
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
