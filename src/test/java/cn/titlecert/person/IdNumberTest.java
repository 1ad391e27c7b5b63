package cn.titlecert.person;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import cn.titlecert.TestIdNumbers;
import cn.titlecert.error.DomainException;

class IdNumberTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    @Test
    void acceptsAValidResidentIdAndReadsBirthDateAndGender() {
        IdNumber id = IdNumber.parse(IdType.RESIDENT_ID, "120101198805120014", TODAY);
        assertThat(id.value()).isEqualTo("120101198805120014");
        assertThat(id.birthDate()).contains(LocalDate.of(1988, 5, 12));
        assertThat(id.gender()).contains(Gender.M);
    }

    @Test
    void knownPublishedExampleWithCheckCharacterX() {
        // The GB 11643-1999 worked example: 11010519491231002X.
        IdNumber id = IdNumber.parse(IdType.RESIDENT_ID, "11010519491231002x", TODAY);
        assertThat(id.value()).isEqualTo("11010519491231002X");
        assertThat(id.gender()).contains(Gender.F);
    }

    @Test
    void acceptsSpacesAndFullWidthDigitsAsTypedWithAChineseInputMethod() {
        IdNumber id = IdNumber.parse(IdType.RESIDENT_ID, " １２０１０１ 19880512 0014 ", TODAY);
        assertThat(id.value()).isEqualTo("120101198805120014");
    }

    @ParameterizedTest
    @CsvSource({
            "120101198805120015, id-number.check-digit",
            "12010119880512001, id-number.length",
            "1201011988051200144, id-number.length",
            "12010119880512A014, id-number.characters",
            "120101198805120Y14, id-number.characters",
            "990101198805120019, id-number.region",
            "120101198802300016, id-number.birth-date",
            "120101203001010017, id-number.birth-date",
            "120101189912310011, id-number.birth-date"
    })
    void refusesBrokenNumbersWithTheRuleTheyBreak(String raw, String code) {
        // Recompute the check digit where the test is about another rule, so only that rule fails.
        String candidate = code.equals("id-number.birth-date") || code.equals("id-number.region")
                ? TestIdNumbers.withCheckDigit(raw.substring(0, 17)) : raw;
        assertThatThrownBy(() -> IdNumber.parse(IdType.RESIDENT_ID, candidate, TODAY))
                .isInstanceOf(DomainException.class)
                .extracting(e -> ((DomainException) e).code()).isEqualTo(code);
    }

    @Test
    void everySingleDigitTypoIsCaughtByTheCheckDigit() {
        String valid = "120101198805120014";
        for (int position = 0; position < 17; position++) {
            for (char digit = '0'; digit <= '9'; digit++) {
                if (digit == valid.charAt(position)) {
                    continue;
                }
                String typo = valid.substring(0, position) + digit + valid.substring(position + 1);
                assertThatThrownBy(() -> IdNumber.parse(IdType.RESIDENT_ID, typo, TODAY))
                        .isInstanceOf(DomainException.class);
            }
        }
    }

    @Test
    void emptyOrMissingNumbersAreRefused() {
        assertThatThrownBy(() -> IdNumber.parse(IdType.RESIDENT_ID, "  ", TODAY))
                .extracting(e -> ((DomainException) e).code()).isEqualTo("id-number.required");
        assertThatThrownBy(() -> IdNumber.parse(null, "120101198805120014", TODAY))
                .extracting(e -> ((DomainException) e).code()).isEqualTo("id-type.required");
    }

    @Test
    void toStringNeverShowsTheWholeNumber() {
        IdNumber id = IdNumber.parse(IdType.RESIDENT_ID, "120101198805120014", TODAY);
        assertThat(id.toString()).doesNotContain("120101198805120014").contains("1201**********0014");
        assertThat(id.masked()).isEqualTo("1201**********0014");
    }

    @Test
    void otherDocumentTypesHaveTheirOwnFormats() {
        assertThat(IdNumber.parse(IdType.PASSPORT, "e12345678", TODAY).value()).isEqualTo("E12345678");
        assertThat(IdNumber.parse(IdType.HK_MACAO_PERMIT, "H12345678", TODAY).value()).isEqualTo("H12345678");
        assertThat(IdNumber.parse(IdType.TAIWAN_PERMIT, "12345678", TODAY).birthDate()).isEmpty();
        assertThatThrownBy(() -> IdNumber.parse(IdType.PASSPORT, "E1", TODAY))
                .extracting(e -> ((DomainException) e).code()).isEqualTo("id-number.passport-format");
        assertThatThrownBy(() -> IdNumber.parse(IdType.HK_MACAO_PERMIT, "X12345678", TODAY))
                .extracting(e -> ((DomainException) e).code()).isEqualTo("id-number.hk-macao-format");
        assertThat(IdNumber.parse(IdType.FOREIGN_PERMANENT_RESIDENT, "USA123456789012", TODAY).value())
                .isEqualTo("USA123456789012");
        String newCard = TestIdNumbers.withCheckDigit("91184019900101001");
        assertThat(IdNumber.parse(IdType.FOREIGN_PERMANENT_RESIDENT, newCard, TODAY).birthDate())
                .contains(LocalDate.of(1990, 1, 1));
    }

    @Test
    void generatedTestNumbersAreValid() {
        for (int i = 0; i < 200; i++) {
            String id = TestIdNumbers.randomResidentId();
            assertThat(IdNumber.parse(IdType.RESIDENT_ID, id, TODAY).value()).isEqualTo(id);
            assertThatThrownBy(() -> IdNumber.parse(IdType.RESIDENT_ID, TestIdNumbers.withWrongCheckDigit(id), TODAY))
                    .extracting(e -> ((DomainException) e).code()).isEqualTo("id-number.check-digit");
        }
    }
}
