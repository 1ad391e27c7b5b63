package cn.titlecert.person;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import cn.titlecert.error.DomainException;
import cn.titlecert.privacy.Masking;

/**
 * A validated identity-document number. Resident ID numbers follow GB 11643-1999: 17 digits (region,
 * birth date, sequence) and a check character computed with ISO 7064 MOD 11-2. {@link #toString()}
 * is masked, so the number cannot leak into a log by accident.
 */
public record IdNumber(IdType type, String value) {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
    private static final Set<String> PROVINCES = Set.of(
            "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
            "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
            "71", "81", "82", "83");
    private static final LocalDate EARLIEST_BIRTH = LocalDate.of(1900, 1, 1);
    private static final Pattern PASSPORT = Pattern.compile("[A-Z0-9]{5,20}");
    private static final Pattern HK_MACAO = Pattern.compile("[HM][0-9]{8}([0-9]{2})?");
    private static final Pattern TAIWAN = Pattern.compile("[0-9]{8}([0-9]{2})?");
    private static final Pattern FOREIGN_OLD = Pattern.compile("[A-Z]{3}[0-9]{12}");

    public IdNumber {
        if (type == null || value == null) {
            throw new IllegalArgumentException("type and value are required");
        }
    }

    /**
     * Checks a number as typed by a user (spaces, full-width digits and a lower-case x are accepted)
     * and returns it in canonical form, or refuses it with the rule it breaks.
     */
    public static IdNumber parse(IdType type, String raw, LocalDate today) {
        if (type == null) {
            throw DomainException.badRequest("id-type.required");
        }
        String value = normalise(raw);
        if (value.isEmpty()) {
            throw DomainException.badRequest("id-number.required");
        }
        switch (type) {
            case RESIDENT_ID -> checkGb11643(value, today, false);
            case PASSPORT -> require(PASSPORT.matcher(value).matches(), "id-number.passport-format");
            case HK_MACAO_PERMIT -> require(HK_MACAO.matcher(value).matches(), "id-number.hk-macao-format");
            case TAIWAN_PERMIT -> require(TAIWAN.matcher(value).matches(), "id-number.taiwan-format");
            case FOREIGN_PERMANENT_RESIDENT -> {
                if (value.length() == 18) {
                    // The 2023 card: '9', the province, the nationality, then GB 11643's birth date and check.
                    checkGb11643(value, today, true);
                } else {
                    require(FOREIGN_OLD.matcher(value).matches(), "id-number.foreign-format");
                }
            }
        }
        return new IdNumber(type, value);
    }

    /** The birth date a GB 11643 number carries, if this kind of number carries one. */
    public Optional<LocalDate> birthDate() {
        if (value.length() != 18 || !(type == IdType.RESIDENT_ID || type == IdType.FOREIGN_PERMANENT_RESIDENT)) {
            return Optional.empty();
        }
        return Optional.of(birthDateOf(value));
    }

    /** The gender a GB 11643 number carries: odd 17th digit male, even female. */
    public Optional<Gender> gender() {
        if (value.length() != 18 || type != IdType.RESIDENT_ID) {
            return Optional.empty();
        }
        return Optional.of((value.charAt(16) - '0') % 2 == 1 ? Gender.M : Gender.F);
    }

    public String masked() {
        return Masking.idNumber(value);
    }

    @Override
    public String toString() {
        return type + ":" + masked();
    }

    static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK[sum % 11];
    }

    private static void checkGb11643(String value, LocalDate today, boolean foreigner) {
        require(value.length() == 18, "id-number.length");
        for (int i = 0; i < 17; i++) {
            require(Character.isDigit(value.charAt(i)) && value.charAt(i) < 128, "id-number.characters");
        }
        char last = value.charAt(17);
        require((last >= '0' && last <= '9') || last == 'X', "id-number.characters");
        if (foreigner) {
            require(value.charAt(0) == '9' && PROVINCES.contains(value.substring(1, 3)), "id-number.region");
        } else {
            require(PROVINCES.contains(value.substring(0, 2)), "id-number.region");
        }
        LocalDate birth;
        try {
            birth = birthDateOf(value);
        } catch (DateTimeException e) {
            throw DomainException.badRequest("id-number.birth-date");
        }
        require(!birth.isBefore(EARLIEST_BIRTH) && !birth.isAfter(today), "id-number.birth-date");
        require(checkCharacter(value.substring(0, 17)) == last, "id-number.check-digit");
    }

    private static LocalDate birthDateOf(String value) {
        return LocalDate.of(Integer.parseInt(value.substring(6, 10)), Integer.parseInt(value.substring(10, 12)),
                Integer.parseInt(value.substring(12, 14)));
    }

    private static String normalise(String raw) {
        if (raw == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(raw.length());
        for (char c : raw.toCharArray()) {
            if (Character.isWhitespace(c) || c == '\u3000') {
                continue;
            }
            if (c >= '\uFF01' && c <= '\uFF5E') {
                c = (char) (c - 0xFEE0); // full-width ASCII as typed with a Chinese input method
            }
            out.append(Character.toUpperCase(c));
        }
        return out.toString();
    }

    private static void require(boolean condition, String code) {
        if (!condition) {
            throw DomainException.badRequest(code);
        }
    }
}
