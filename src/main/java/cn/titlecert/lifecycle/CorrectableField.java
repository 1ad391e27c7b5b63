package cn.titlecert.lifecycle;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import cn.titlecert.certificate.TitleLevel;
import cn.titlecert.error.DomainException;
import cn.titlecert.person.Gender;

/**
 * The printed fields a correction may change (R17), under the names the API uses. The first four belong to the
 * person (a wrong name or ID number is wrong in the person's record too); the others to the certificate.
 */
public enum CorrectableField {
    HOLDER_NAME("holderName", true, 50),
    GENDER("gender", true, 1),
    BIRTH_DATE("birthDate", true, 10),
    ID_NUMBER("idNumber", true, 40),
    TITLE_SERIES("titleSeries", false, 50),
    TITLE_SPECIALTY("titleSpecialty", false, 100),
    TITLE_NAME("titleName", false, 100),
    TITLE_LEVEL("titleLevel", false, 20),
    OBTAINED_ON("obtainedOn", false, 10),
    REVIEW_BODY_NAME("reviewBodyName", false, 100),
    REPORTING_UNIT_NAME("reportingUnitName", false, 100),
    DECLARING_UNIT_NAME("declaringUnitName", false, 100),
    APPROVING_UNIT_NAME("approvingUnitName", false, 100),
    APPROVAL_DOC_NUMBER("approvalDocNumber", false, 100),
    APPROVAL_DATE("approvalDate", false, 10);

    private final String apiName;
    private final boolean personal;
    private final int maxLength;

    CorrectableField(String apiName, boolean personal, int maxLength) {
        this.apiName = apiName;
        this.personal = personal;
        this.maxLength = maxLength;
    }

    public String apiName() {
        return apiName;
    }

    /** Whether the value is part of the person's identity (kept in the person record). */
    public boolean personal() {
        return personal;
    }

    public static Optional<CorrectableField> ofApiName(String name) {
        return Arrays.stream(values()).filter(f -> f.apiName.equals(name)).findFirst();
    }

    /**
     * The value as it will be stored, or a 400 naming the field. Identity checks that need the person (the ID
     * number's check digit and its agreement with birth date and gender) come later, in {@code Corrections}.
     */
    String normalise(String raw, LocalDate today) {
        String value = raw == null ? "" : raw.strip();
        if (value.isEmpty()) {
            throw DomainException.badRequest("correction.value-required", apiName);
        }
        if (value.length() > maxLength) {
            throw DomainException.badRequest("correction.value-too-long", apiName, maxLength);
        }
        switch (this) {
            case GENDER -> {
                try {
                    return Gender.valueOf(value.toUpperCase(Locale.ROOT)).name();
                } catch (IllegalArgumentException e) {
                    throw DomainException.badRequest("correction.value-invalid", apiName);
                }
            }
            case TITLE_LEVEL -> {
                try {
                    return TitleLevel.valueOf(value.toUpperCase(Locale.ROOT)).name();
                } catch (IllegalArgumentException e) {
                    throw DomainException.badRequest("correction.value-invalid", apiName);
                }
            }
            case BIRTH_DATE, OBTAINED_ON, APPROVAL_DATE -> {
                LocalDate date;
                try {
                    date = LocalDate.parse(value);
                } catch (DateTimeParseException e) {
                    throw DomainException.badRequest("correction.date-invalid", apiName);
                }
                if (date.isAfter(today) || date.getYear() < 1900) {
                    throw DomainException.badRequest("correction.date-invalid", apiName);
                }
                return date.toString();
            }
            case ID_NUMBER -> {
                return value.toUpperCase(Locale.ROOT);
            }
            default -> {
                return value;
            }
        }
    }
}
