package cn.titlecert.privacy;

/** How personal numbers are shown: enough to recognise one's own, not enough to use someone else's. */
public final class Masking {

    private Masking() {
    }

    /** {@code 120101198805120012} becomes {@code 1201**********0012}. */
    public static String idNumber(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        if (value.length() <= 8) {
            return value.charAt(0) + "*".repeat(value.length() - 1);
        }
        return value.substring(0, 4) + "*".repeat(value.length() - 8) + value.substring(value.length() - 4);
    }

    /** {@code 13800001234} becomes {@code 138****1234}. */
    public static String phone(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        if (value.length() < 8) {
            return "*".repeat(value.length());
        }
        return value.substring(0, 3) + "*".repeat(value.length() - 7) + value.substring(value.length() - 4);
    }

    /** {@code zhangsan@example.cn} becomes {@code z***@example.cn}. */
    public static String email(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        int at = value.indexOf('@');
        if (at <= 0) {
            return "*".repeat(value.length());
        }
        return value.charAt(0) + "***" + value.substring(at);
    }
}
