package cn.titlecert.person;

import java.util.regex.Pattern;

import cn.titlecert.error.DomainException;
import cn.titlecert.privacy.Masking;

/** A mainland mobile number (11 digits starting with 1); {@link #toString()} is masked. */
public record PhoneNumber(String value) {

    private static final Pattern MOBILE = Pattern.compile("1[3-9][0-9]{9}");

    public static PhoneNumber parse(String raw) {
        String value = raw == null ? "" : raw.replaceAll("[\\s-]", "");
        if (value.startsWith("+86")) {
            value = value.substring(3);
        } else if (value.startsWith("0086")) {
            value = value.substring(4);
        }
        if (value.isEmpty()) {
            throw DomainException.badRequest("phone.required");
        }
        if (!MOBILE.matcher(value).matches()) {
            throw DomainException.badRequest("phone.format");
        }
        return new PhoneNumber(value);
    }

    public String masked() {
        return Masking.phone(value);
    }

    @Override
    public String toString() {
        return masked();
    }
}
