package cn.titlecert;

import java.time.LocalDate;
import java.util.concurrent.ThreadLocalRandom;

/** Valid resident ID numbers for tests: random, so runs against a kept database never collide. */
public final class TestIdNumbers {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK = "10X98765432";

    private TestIdNumbers() {
    }

    public static String withCheckDigit(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return first17 + CHECK.charAt(sum % 11);
    }

    /** A valid number for someone born on the given date; odd sequence for men, even for women. */
    public static String residentId(LocalDate birth, boolean male) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int sequence = random.nextInt(0, 500) * 2 + (male ? 1 : 0);
        String first17 = String.format("1201%02d%04d%02d%02d%03d", random.nextInt(1, 20), birth.getYear(),
                birth.getMonthValue(), birth.getDayOfMonth(), sequence);
        return withCheckDigit(first17);
    }

    public static String randomResidentId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        LocalDate birth = LocalDate.of(1960, 1, 1).plusDays(random.nextInt(0, 365 * 40));
        return residentId(birth, random.nextBoolean());
    }

    /** A valid number whose check digit is then made wrong. */
    public static String withWrongCheckDigit(String valid) {
        char right = valid.charAt(17);
        char wrong = right == '0' ? '1' : right == 'X' ? '0' : (char) (right == '9' ? 'X' : right + 1);
        return valid.substring(0, 17) + wrong;
    }

    public static String randomPhone() {
        return "139" + String.format("%08d", ThreadLocalRandom.current().nextInt(0, 100_000_000));
    }
}
