package cn.titlecert.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class PersonalDataCipherTest {

    private static final byte[] KEY = new byte[32];
    private static final byte[] OTHER_KEY = new byte[32];

    static {
        Arrays.fill(KEY, (byte) 7);
        Arrays.fill(OTHER_KEY, (byte) 9);
    }

    private final PersonalDataCipher cipher = new PersonalDataCipher(KEY);

    @Test
    void roundTripsAndNeverStoresTheClearValue() {
        String stored = cipher.encrypt("person.id_number", "120101198805120014");
        assertThat(stored).startsWith("v1:").doesNotContain("120101198805120014");
        assertThat(cipher.decrypt("person.id_number", stored)).isEqualTo("120101198805120014");
    }

    @Test
    void equalValuesEncryptDifferentlyButIndexEqually() {
        String a = cipher.encrypt("person.phone", "13800001234");
        String b = cipher.encrypt("person.phone", "13800001234");
        assertThat(a).isNotEqualTo(b);
        assertThat(cipher.index("person.phone", "13800001234")).isEqualTo(cipher.index("person.phone", "13800001234"))
                .hasSize(64);
        assertThat(cipher.index("person.phone", "13800001234")).isNotEqualTo(cipher.index("person.phone", "13800001235"));
    }

    @Test
    void theIndexDependsOnTheFieldAndTheKey() {
        assertThat(cipher.index("person.phone", "13800001234")).isNotEqualTo(cipher.index("person.id_number", "13800001234"));
        assertThat(new PersonalDataCipher(OTHER_KEY).index("person.phone", "13800001234"))
                .isNotEqualTo(cipher.index("person.phone", "13800001234"));
    }

    @Test
    void aCiphertextMovedToAnotherColumnDoesNotDecrypt() {
        String stored = cipher.encrypt("person.phone", "13800001234");
        assertThatThrownBy(() -> cipher.decrypt("person.id_number", stored)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void alteredDataOrAWrongKeyIsDetectedAndTheErrorRevealsNothing() {
        String stored = cipher.encrypt("person.id_number", "120101198805120014");
        byte[] raw = Base64.getDecoder().decode(stored.substring(3));
        raw[raw.length - 1] ^= 1;
        String altered = "v1:" + Base64.getEncoder().encodeToString(raw);
        assertThatThrownBy(() -> cipher.decrypt("person.id_number", altered))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining("120101198805120014");
        assertThatThrownBy(() -> new PersonalDataCipher(OTHER_KEY).decrypt("person.id_number", stored))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> cipher.decrypt("person.id_number", "plain text"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void masksAsTheNoticesShowThem() {
        assertThat(Masking.idNumber("120101198805120014")).isEqualTo("1201**********0014");
        assertThat(Masking.idNumber("E12345678")).isEqualTo("E123*5678");
        assertThat(Masking.idNumber("H1234")).isEqualTo("H****");
        assertThat(Masking.phone("13800001234")).isEqualTo("138****1234");
        assertThat(Masking.phone(null)).isNull();
    }

    @Test
    void documentsRoundTripAndAreBoundToTheirColumn() {
        byte[] pdf = "%PDF-1.7 张三 120101198805120014".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] stored = cipher.encryptBytes("certificate.pdf", pdf);
        assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("120101198805120014");
        assertThat(cipher.decryptBytes("certificate.pdf", stored)).isEqualTo(pdf);
        assertThatThrownBy(() -> cipher.decryptBytes("photo.content", stored)).isInstanceOf(IllegalStateException.class);
        stored[stored.length - 1] ^= 1;
        assertThatThrownBy(() -> cipher.decryptBytes("certificate.pdf", stored)).isInstanceOf(IllegalStateException.class);
    }
}
