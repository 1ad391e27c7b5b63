package cn.titlecert.registration;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Holder registration ({@code titlecert.registration.*}): how long a registration and its code stay valid, how many
 * wrong codes it takes, and how many registrations (each a text message) may be started for one phone and one ID
 * number, counted in the database so every node keeps the same count. Every request counts, matching or not, so
 * reaching a limit tells nothing about the data; on top of the per-address limit of {@link RegistrationLimiter}.
 * {@code newPersons}: whether a number the bureau has no record of may register (a new person is made once the code
 * confirmed the phone given). Whoever registers with their own phone then learns from receiving a code or not
 * whether the bureau knows a number (the public query tells as much for a name and number with a certificate); a
 * bureau that wants no such hint switches it off, and holders register once their records are in.
 */
@ConfigurationProperties("titlecert.registration")
public record RegistrationSettings(
        @DefaultValue("PT10M") Duration validity,
        @DefaultValue("5") int maxAttempts,
        @DefaultValue("3") int perPhonePerHour,
        @DefaultValue("10") int perPhonePerDay,
        @DefaultValue("5") int perIdNumberPerDay,
        @DefaultValue("true") boolean newPersons) {

    public RegistrationSettings {
        if (validity.isNegative() || validity.isZero() || maxAttempts < 1 || perPhonePerHour < 1 || perPhonePerDay < 1
                || perIdNumberPerDay < 1) {
            throw new IllegalArgumentException("titlecert.registration needs a positive validity and positive limits");
        }
    }
}
