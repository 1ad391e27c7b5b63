package cn.titlecert.person;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import cn.titlecert.error.DomainException;

class PhoneNumberTest {

    @Test
    void acceptsMainlandMobileNumbersInCommonNotations() {
        assertThat(PhoneNumber.parse("13800001234").value()).isEqualTo("13800001234");
        assertThat(PhoneNumber.parse("+86 138-0000-1234").value()).isEqualTo("13800001234");
        assertThat(PhoneNumber.parse("008613800001234").value()).isEqualTo("13800001234");
    }

    @Test
    void refusesWhatIsNotAMobileNumber() {
        for (String bad : new String[] {"1380000123", "23800001234", "12800001234", "022-12345678", "1380000123a"}) {
            assertThatThrownBy(() -> PhoneNumber.parse(bad)).isInstanceOf(DomainException.class)
                    .extracting(e -> ((DomainException) e).code()).isEqualTo("phone.format");
        }
        assertThatThrownBy(() -> PhoneNumber.parse(null)).extracting(e -> ((DomainException) e).code())
                .isEqualTo("phone.required");
    }

    @Test
    void isShownMasked() {
        PhoneNumber phone = PhoneNumber.parse("13800001234");
        assertThat(phone.masked()).isEqualTo("138****1234");
        assertThat(phone.toString()).isEqualTo("138****1234");
    }
}
