package cn.titlecert.verification;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many third-party checks (each a one-time code to a phone) may be started for one phone and for one certificate
 * ({@code titlecert.third-party-check.codes.*}), over the last hour and the last 24 hours, counted in the database
 * so that every node of a cluster keeps the same count. Every request counts, whether it matched or not, so that
 * reaching a limit tells nothing about the data; on top of the per-address limit of {@link ThirdPartyCheckLimiter}.
 * A certificate's number is printed on it, so whoever knows it can use up that certificate's checks for a day: the
 * price of bounding the guesses at the ID number and phone behind a known number.
 */
@ConfigurationProperties("titlecert.third-party-check.codes")
public record OneTimeCodeLimits(
        @DefaultValue("3") int perPhonePerHour,
        @DefaultValue("10") int perPhonePerDay,
        @DefaultValue("10") int perCertificatePerDay) {

    public OneTimeCodeLimits {
        if (perPhonePerHour < 1 || perPhonePerDay < 1 || perCertificatePerDay < 1) {
            throw new IllegalArgumentException("titlecert.third-party-check.codes needs positive limits");
        }
    }
}
