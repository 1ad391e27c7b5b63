package cn.titlecert.person;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import cn.titlecert.error.DomainException;

/** The R15 rules on real generated images: each kind of bad file is refused for its own reason. */
class PhotoRulesTest {

    private final PhotoRules rules = new PhotoRules(new PhotoProperties(614400, 128, 180, 25_000_000, 0.10, 0.85,
            new PhotoProperties.Archive(20_971_520, 2000, 209_715_200)));

    private static String refusal(Runnable check) {
        try {
            check.run();
        } catch (DomainException e) {
            return e.code();
        }
        return "accepted";
    }

    @Test
    void redBlueAndPlainLightBackgroundsAreAccepted() {
        assertThat(rules.check(TestPhotos.jpeg(TestPhotos.ID_BLUE)).background()).isEqualTo(PhotoRules.Background.BLUE);
        assertThat(rules.check(TestPhotos.jpeg(TestPhotos.ID_RED)).background()).isEqualTo(PhotoRules.Background.RED);
        assertThat(rules.check(TestPhotos.jpeg(TestPhotos.WHITE)).background()).isEqualTo(PhotoRules.Background.LIGHT);
        assertThat(rules.check(TestPhotos.jpeg(new Color(0xDD, 0xDD, 0xDD))).background())
                .isEqualTo(PhotoRules.Background.LIGHT);
        PhotoRules.CheckedPhoto checked = rules.check(TestPhotos.jpeg(TestPhotos.ID_BLUE));
        assertThat(checked.width()).isEqualTo(390);
        assertThat(checked.height()).isEqualTo(500);
    }

    @Test
    void otherBackgroundsAreRefused() {
        for (Color wrong : new Color[] {TestPhotos.GREEN, new Color(0xF2, 0xC8, 0x1B), new Color(0x55, 0x55, 0x55),
                Color.BLACK, new Color(0x9B, 0x59, 0xB6)}) {
            assertThat(refusal(() -> rules.check(TestPhotos.jpeg(wrong)))).as(wrong.toString()).isEqualTo("photo.background");
        }
    }

    @Test
    void theFormatIsJudgedFromTheBytes() {
        assertThat(refusal(() -> rules.check(TestPhotos.png(TestPhotos.ID_BLUE)))).isEqualTo("photo.not-jpeg");
        assertThat(refusal(() -> rules.check("GIF89a not an image".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("photo.not-jpeg");
        assertThat(refusal(() -> rules.check(TestPhotos.truncated()))).isEqualTo("photo.corrupt");
        byte[] header = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F'};
        assertThat(refusal(() -> rules.check(header))).isEqualTo("photo.corrupt");
        assertThat(refusal(() -> rules.check(new byte[0]))).isEqualTo("photo.required");
    }

    @Test
    void sizeDimensionsAndProportionHaveLimits() {
        byte[] large = TestPhotos.tooLarge();
        assertThat(large.length).isBetween(650_000, 800_000);
        assertThat(refusal(() -> rules.check(large))).isEqualTo("photo.too-large");
        assertThat(refusal(() -> rules.check(TestPhotos.jpeg(TestPhotos.ID_BLUE, 117, 150)))).isEqualTo("photo.too-small");
        assertThat(refusal(() -> rules.check(TestPhotos.jpeg(TestPhotos.ID_BLUE, 400, 400)))).isEqualTo("photo.proportion");
        // 128 × 180, the Guangdong notice's own minimum (0.711, 8.6 % narrower than 35:45), and 一寸 (295 × 413)
        // are photos the notices accept: inside the default ±10 %.
        assertThat(refusal(() -> rules.check(TestPhotos.jpeg(TestPhotos.ID_BLUE, 128, 180)))).isEqualTo("accepted");
        assertThat(refusal(() -> rules.check(TestPhotos.jpeg(TestPhotos.ID_BLUE, 295, 413)))).isEqualTo("accepted");
        // Near the edges of the tolerance (0.700 … 0.856): 0.702 and 0.854 pass, 0.690 and 0.864 do not.
        assertThat(refusal(() -> rules.check(TestPhotos.jpeg(TestPhotos.ID_BLUE, 351, 500)))).isEqualTo("accepted");
        assertThat(refusal(() -> rules.check(TestPhotos.jpeg(TestPhotos.ID_BLUE, 427, 500)))).isEqualTo("accepted");
        assertThat(refusal(() -> rules.check(TestPhotos.jpeg(TestPhotos.ID_BLUE, 345, 500)))).isEqualTo("photo.proportion");
        assertThat(refusal(() -> rules.check(TestPhotos.jpeg(TestPhotos.ID_BLUE, 432, 500)))).isEqualTo("photo.proportion");
    }

    @Test
    void archiveNamesInGbkAndUtf8AreDecodedAndUnsafePathsRecognised() {
        String name = "张三_120101198805120014.jpg";
        String gbkAsLatin1 = new String(name.getBytes(Charset.forName("GBK")), StandardCharsets.ISO_8859_1);
        String utf8AsLatin1 = new String(name.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        assertThat(PhotoArchive.decodeName(gbkAsLatin1)).isEqualTo(name);
        assertThat(PhotoArchive.decodeName(utf8AsLatin1)).isEqualTo(name);
        assertThat(PhotoArchive.decodeName(name)).isEqualTo(name);
        assertThat(PhotoArchive.isSafe("photos/2026/" + name)).isTrue();
        assertThat(PhotoArchive.isSafe("../" + name)).isFalse();
        assertThat(PhotoArchive.isSafe("a/../../" + name)).isFalse();
        assertThat(PhotoArchive.isSafe("..\\" + name)).isFalse();
        assertThat(PhotoArchive.isSafe("/etc/" + name)).isFalse();
        assertThat(PhotoArchive.isSafe("C:\\" + name)).isFalse();
        assertThat(PhotoArchive.baseName("photos\\2026/" + name)).isEqualTo(name);
    }
}
