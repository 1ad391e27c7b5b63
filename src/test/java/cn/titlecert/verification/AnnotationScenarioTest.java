package cn.titlecert.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;

import org.junit.jupiter.api.Test;

import cn.titlecert.error.DomainException;

/** The usage scenario's rules (R26): free text by default, or one of a configured list; and the settings' bounds. */
class AnnotationScenarioTest {

    private static Annotations with(AnnotationProperties properties) {
        return new Annotations(null, null, null, properties, null, null, null);
    }

    private static String refusal(Annotations annotations, String scenario) {
        try {
            annotations.scenario(scenario);
            return null;
        } catch (DomainException refused) {
            return refused.code();
        }
    }

    @Test
    void freeTextIsTrimmedBoundedAndPrintable() {
        Annotations free = with(new AnnotationProperties(Period.ofDays(90), 1, 10, null));
        assertThat(free.scenario("  本人调用 ")).isEqualTo("本人调用");
        assertThat(refusal(free, null)).isEqualTo("annotation.scenario-required");
        assertThat(refusal(free, "\u3000 ")).isEqualTo("annotation.scenario-required");
        assertThat(free.scenario("𠀀".repeat(10))).as("counted in characters, not UTF-16 units").hasSize(20);
        assertThat(refusal(free, "一".repeat(11))).isEqualTo("annotation.scenario-too-long");
        assertThat(refusal(free, "本人\n调用")).isEqualTo("annotation.scenario-invalid");
        assertThat(refusal(free, "本人\u202E调用")).isEqualTo("annotation.scenario-invalid");
        assertThat(refusal(free, "<b>调用")).isEqualTo("annotation.scenario-invalid");
    }

    @Test
    void aConfiguredListIsTheOnlyChoice() {
        Annotations listed = with(new AnnotationProperties(Period.ofDays(90), 1, 30, List.of(" 本人调用", "求职应聘", " ")));
        assertThat(listed.scenario("求职应聘")).isEqualTo("求职应聘");
        assertThat(listed.scenario("本人调用 ")).isEqualTo("本人调用");
        assertThatThrownBy(() -> listed.scenario("职称评审")).isInstanceOf(DomainException.class)
                .satisfies(e -> assertThat(((DomainException) e).args()).containsExactly("本人调用、求职应聘"));
    }

    @Test
    void settingsOutOfBoundsAreRefusedAtStart() {
        assertThatThrownBy(() -> new AnnotationProperties(Period.ZERO, 1, 30, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AnnotationProperties(Period.ofDays(90), 0, 30, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AnnotationProperties(Period.ofDays(90), 1, 0, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCopyIsInForceThroughItsExpiryDay() {
        Annotation a = new Annotation(1L, 1, "本人调用", LocalDate.of(2026, 12, 1), LocalDate.of(2027, 3, 1), "h", "s",
                null, "holder");
        assertThat(a.expiredOn(LocalDate.of(2027, 3, 1))).isFalse();
        assertThat(a.expiredOn(LocalDate.of(2027, 3, 2))).isTrue();
    }
}
