package cn.titlecert.certificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class VerificationTokenTest {

    @Test
    void carries256RandomBitsInAUrlSafeForm() {
        VerificationToken token = VerificationToken.generate();
        assertThat(token.value()).hasSize(43).matches("[A-Za-z0-9_-]+");
        assertThat(Base64.getUrlDecoder().decode(token.value())).hasSize(32);
        assertThat(token.toString()).doesNotContain(token.value());
    }

    @Test
    void tokensDoNotRepeatAndTheirBitsAreBalanced() {
        Set<String> seen = new HashSet<>();
        long ones = 0;
        int n = 2000;
        for (int i = 0; i < n; i++) {
            VerificationToken token = VerificationToken.generate();
            assertThat(seen.add(token.value())).isTrue();
            for (byte b : Base64.getUrlDecoder().decode(token.value())) {
                ones += Integer.bitCount(b & 0xff);
            }
        }
        double share = ones / (n * 256.0);
        // 512,000 fair bits: the share of ones is 0.5 ± 0.0007 (σ); a biased or constant source fails this.
        assertThat(share).isBetween(0.495, 0.505);
    }

    @Test
    void onlyTheHashIsStoredAndItIsTheSha256OfTheToken() {
        VerificationToken token = new VerificationToken("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        // Computed with sha256sum, independently of the code under test.
        assertThat(token.hash()).isEqualTo("0f007385b6f9d4b7eeb2748605afe1a984a0a3bfa3f014d09e2a784ce9e5cd1a");
    }

    @Test
    void refusesAnythingElse() {
        assertThatThrownBy(() -> new VerificationToken("short")).isInstanceOf(IllegalArgumentException.class);
        assertThat(VerificationToken.looksLikeToken("123e4567-e89b-12d3-a456-426614174000")).isFalse();
        assertThat(VerificationToken.looksLikeToken(VerificationToken.generate().value())).isTrue();
    }
}
