package cn.titlecert.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.google.zxing.EncodeHintType;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import com.google.zxing.qrcode.encoder.QRCode;

class QrMaskChoiceTest {

    private static final String TOKEN_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    /** Verification links as certificates print them, then longer texts up to version 16 (with version information from 7). */
    private static String sample(Random random, int i) {
        StringBuilder text = new StringBuilder(i % 3 == 0 ? "https://zc.example.gov.cn/verify/"
                : "https://rsj.example.gov.cn/titlecert/verify/");
        int length = i < 2000 ? 43 : 1 + random.nextInt(i % 2 == 0 ? 400 : 60);
        for (int k = 0; k < length; k++) {
            text.append(TOKEN_CHARACTERS.charAt(random.nextInt(TOKEN_CHARACTERS.length())));
        }
        if (i % 7 == 0) {
            text.append("中文证书");
        }
        return text.toString();
    }

    @Test
    void everyDerivedSymbolIsZxingsOwnForThatMask() throws Exception {
        Random random = new Random(7);
        int versionInformation = 0;
        int wordSized = 0;
        for (int i = 0; i < 400; i++) {
            String text = sample(random, 2000 + i);
            QRCode first = Encoder.encode(text, ErrorCorrectionLevel.M, hints(0));
            if (first.getVersion().getVersionNumber() >= 7) {
                versionInformation++;
            }
            for (int mask = 0; mask < 8; mask++) {
                ByteMatrix expected = Encoder.encode(text, ErrorCorrectionLevel.M, hints(mask)).getMatrix();
                byte[][] derived = QrMaskChoice.derive(first.getMatrix(), first.getVersion(), first.getECLevel(), mask);
                assertThat(derived).as("text %d, version %d, mask %d", i, first.getVersion().getVersionNumber(), mask)
                        .isDeepEqualTo(expected.getArray());
                int byModule = QrMaskChoice.penaltyByModule(derived);
                assertThat(byModule).isPositive();
                if (derived.length <= 64) {
                    wordSized++;
                    assertThat(QrMaskChoice.penaltyInWords(derived)).as("text %d, mask %d", i, mask).isEqualTo(byModule);
                }
            }
        }
        assertThat(versionInformation).as("symbols of version 7 and above (version information areas)").isGreaterThan(50);
        assertThat(wordSized).as("symbols scored both ways").isGreaterThan(1000);
    }

    @Test
    void theChosenMaskIsTheOneZxingsEncoderChooses() throws Exception {
        Random random = new Random(11);
        int[] chosen = new int[8];
        for (int i = 0; i < 3000; i++) {
            String text = sample(random, i);
            QRCode zxing = Encoder.encode(text, ErrorCorrectionLevel.M, Map.of(EncodeHintType.CHARACTER_SET, "UTF-8"));
            QRCode ours = QrCode.encode(text);
            assertThat(ours.getMaskPattern()).as("mask for text %d", i).isEqualTo(zxing.getMaskPattern());
            assertThat(ours.getMatrix().getArray()).isDeepEqualTo(zxing.getMatrix().getArray());
            chosen[ours.getMaskPattern()]++;
        }
        // Every mask wins somewhere, so a rule scored wrongly would have shown as a different choice.
        assertThat(chosen).doesNotContain(0);
    }

    @Test
    void formatInformationIsTheStandardsCodeWord() {
        // ISO/IEC 18004 annex C: level M (00), mask 000 -> 101010000010010; level L (01), mask 000 -> 111011111000100.
        assertThat(QrMaskChoice.formatBits(ErrorCorrectionLevel.M, 0)).isEqualTo(0b101010000010010);
        assertThat(QrMaskChoice.formatBits(ErrorCorrectionLevel.L, 0)).isEqualTo(0b111011111000100);
    }

    private static Map<EncodeHintType, Object> hints(int mask) {
        return Map.of(EncodeHintType.CHARACTER_SET, "UTF-8", EncodeHintType.QR_MASK_PATTERN, mask);
    }
}
