package cn.titlecert.verification;

import java.time.Period;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Annotated copies ({@code titlecert.annotations.*}, R26). Hubei's notice: from the day the holder asks, one
 * annotation per certificate within 90 days, valid for 90 days; other authorities allow more.
 *
 * @param validity how long an annotated copy is in force (its printed expiry is the day of annotation plus this),
 *        and the period over which {@code perPeriod} counts
 * @param perPeriod how many annotations one certificate may have within one period
 * @param scenarioMaxLength the longest usage scenario, in characters (the printed stamp has room for about 30)
 * @param scenarios when not empty, the only scenarios offered and accepted; otherwise free text
 */
@ConfigurationProperties("titlecert.annotations")
public record AnnotationProperties(
        @DefaultValue("P90D") Period validity,
        @DefaultValue("1") int perPeriod,
        @DefaultValue("30") int scenarioMaxLength,
        List<String> scenarios) {

    public AnnotationProperties {
        scenarios = scenarios == null ? List.of() : scenarios.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("titlecert.annotations.validity must be positive");
        }
        if (perPeriod < 1) {
            throw new IllegalArgumentException("titlecert.annotations.per-period must be at least 1");
        }
        if (scenarioMaxLength < 1 || scenarioMaxLength > 100) {
            throw new IllegalArgumentException("titlecert.annotations.scenario-max-length must be 1-100");
        }
    }
}
