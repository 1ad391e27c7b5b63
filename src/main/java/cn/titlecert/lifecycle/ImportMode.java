package cn.titlecert.lifecycle;

import java.util.Locale;

import cn.titlecert.error.DomainException;

/** What to do with a file that has bad rows: import nothing (the default), or only its good rows. */
public enum ImportMode {
    ALL_OR_NOTHING, VALID_ROWS_ONLY;

    /** {@code allOrNothing}, {@code validRowsOnly} or the constant's name; blank is the default. */
    public static ImportMode parse(String value) {
        if (value == null || value.isBlank()) {
            return ALL_OR_NOTHING;
        }
        String v = value.strip().replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
        return switch (v) {
            case "allornothing" -> ALL_OR_NOTHING;
            case "validrowsonly" -> VALID_ROWS_ONLY;
            default -> throw DomainException.badRequest("import.bad-mode", value);
        };
    }
}
