package cn.titlecert.lifecycle;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of the credit archive's evidence uploads ({@code titlecert.credit-archive.*}).
 *
 * @param evidenceMaxBytes largest evidence file (10 MB)
 * @param evidenceMaxFiles most files in one upload
 */
@ConfigurationProperties("titlecert.credit-archive")
public record CreditArchiveProperties(
        @DefaultValue("10485760") int evidenceMaxBytes,
        @DefaultValue("10") int evidenceMaxFiles) {
}
