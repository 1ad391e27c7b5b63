package cn.titlecert.certificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;

import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;

/**
 * Every template rendered, sealed and checked with tools the project did not write (poppler's pdftoppm, pdffonts
 * and pdfsig), and compared with the reference images in src/test/resources/certificates/reference (regenerate
 * them after an intended layout change with -Dcertificates.update-references=true, and look at them).
 */
class CertificateRenderingTest {

    static final Path OUT = Path.of("target/certificates");
    static final Path REFERENCES = Path.of("src/test/resources/certificates/reference");
    static CertificateFonts fonts;
    static CertificateRenderer renderer;
    static SealKeys keys;
    static PdfSealer sealer;

    static List<String> templates() {
        return CertificateTemplates.NAMES;
    }

    @BeforeAll
    static void setUp() throws IOException {
        Files.createDirectories(OUT);
        fonts = new CertificateFonts();
        renderer = new CertificateRenderer(new CertificateTemplates(), fonts);
        CertificateProperties properties = new CertificateProperties("", null, "unified",
                new CertificateProperties.Seal(OUT.resolve("test-seal.p12"), "test-password", "seal", null, true), null);
        keys = new SealKeys(properties, Clock.systemUTC());
        sealer = new PdfSealer(fonts);
    }

    static boolean poppler() {
        return Files.isExecutable(Path.of("/usr/bin/pdftoppm")) && Files.isExecutable(Path.of("/usr/bin/pdfsig"));
    }

    static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    static byte[] sealedSample(String template, String name, String specialty) {
        byte[] pdf = renderer.render(template, SampleCertificates.content(name, specialty)).pdf();
        return sealer.seal(pdf, keys.forAuthority(null), "天津市人力资源和社会保障局", Instant.parse("2026-11-28T02:00:00Z"));
    }

    @ParameterizedTest
    @MethodSource("templates")
    void rendersEmbedsItsFontsIsSealedAndLooksLikeTheReference(String template) throws Exception {
        assumeTrue(poppler(), "poppler-utils (pdftoppm, pdffonts, pdfsig) are needed");
        Path pdf = OUT.resolve(template + ".pdf");
        Files.write(pdf, sealedSample(template, "张三", "电子信息"));

        String info = run("pdfinfo", pdf.toString());
        assertThat(info).containsPattern("Pages:\\s+1\\n").containsPattern("Page rot:\\s+90").contains("595 x 842 pts (A4)");

        String fontsList = run("pdffonts", pdf.toString());
        List<String> rows = fontsList.lines().skip(2).toList();
        assertThat(rows).isNotEmpty();
        assertThat(rows).as("every font embedded as a subset, Identity-H").allSatisfy(row -> {
            assertThat(row).contains("CID TrueType").contains("Identity-H");
            assertThat(row.substring(row.indexOf("Identity-H") + 10).trim()).startsWith("yes yes");
        });

        String signature = run("pdfsig", pdf.toString());
        assertThat(signature).contains("Signature Type: ETSI.CAdES.detached").contains("Total document signed")
                .contains("Signature is Valid.");

        run("pdftoppm", "-r", "40", "-png", "-singlefile", pdf.toString(), OUT.resolve(template).toString());
        BufferedImage rendered = ImageIO.read(OUT.resolve(template + ".png").toFile());
        assertThat(rendered.getWidth()).as("landscape as the reader sees it").isGreaterThan(rendered.getHeight());
        Path reference = REFERENCES.resolve(template + ".png");
        if (Boolean.getBoolean("certificates.update-references")) {
            Files.createDirectories(REFERENCES);
            Files.copy(OUT.resolve(template + ".png"), reference, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        assertThat(reference).exists();
        BufferedImage expected = ImageIO.read(reference.toFile());
        assertThat(meanDifference(rendered, expected)).as("mean per-channel difference from the reference, 0-255")
                .isLessThan(2.0);
    }

    @Test
    void theQrCodeOnThePageLeadsToTheVerificationLink() throws Exception {
        assumeTrue(poppler(), "poppler-utils are needed");
        Path pdf = OUT.resolve("qr.pdf");
        Files.write(pdf, sealedSample("hubei", "张三", "电子信息"));
        run("pdftoppm", "-r", "150", "-png", "-singlefile", pdf.toString(), OUT.resolve("qr").toString());
        BufferedImage page = ImageIO.read(OUT.resolve("qr.png").toFile());
        int[] pixels = page.getRGB(0, 0, page.getWidth(), page.getHeight(), null, 0, page.getWidth());
        String text = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                new RGBLuminanceSource(page.getWidth(), page.getHeight(), pixels)))).getText();
        assertThat(text).isEqualTo("https://zc.example.gov.cn/verify/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    }

    @Test
    void aOneByteChangeInsideTheSignedRangeIsDetectedByPdfsigAndByOurCheck() throws Exception {
        assumeTrue(poppler(), "poppler-utils are needed");
        byte[] sealed = sealedSample("unified", "张三", "电子信息");
        PdfSignatureCheck check = new PdfSignatureCheck(keys);
        assertThat(check.check(sealed).intact()).isTrue();

        byte[] tampered = sealed.clone();
        // Inside the first signed range, within the page content: well away from the header and the signature.
        int at = indexOf(tampered, "endstream".getBytes(StandardCharsets.ISO_8859_1)) - 20;
        tampered[at] ^= 0x01;
        Path file = OUT.resolve("tampered.pdf");
        Files.write(file, tampered);
        assertThat(run("pdfsig", file.toString())).doesNotContain("Signature is Valid.")
                .containsAnyOf("Digest Mismatch", "Signature is Invalid");
        assertThat(check.check(tampered).failure()).contains(PdfSignatureCheck.Failure.SIGNATURE_INVALID);

        byte[] appended = new byte[sealed.length + 10];
        System.arraycopy(sealed, 0, appended, 0, sealed.length);
        System.arraycopy("\n% added\n".getBytes(StandardCharsets.ISO_8859_1), 0, appended, sealed.length, 9);
        assertThat(check.check(appended).failure()).contains(PdfSignatureCheck.Failure.NOT_WHOLE_FILE);
    }

    @Test
    void rareCharactersFallBackToAnotherEmbeddedFontOrToPinyinAndAreFlagged() throws Exception {
        // 𠀀 (U+20000, CJK extension B) is in none of the embedded fonts: printed as pinyin, flagged.
        CertificateRenderer.Rendered rare = renderer.render("tianjin", SampleCertificates.content("王𠀀", "电子信息"));
        assertThat(rare.rareCharacters()).isTrue();
        assertThat(rare.substitutedFields()).containsExactly("name");
        PrintedText printed = renderer.prepare(java.util.Map.of("name", "王𠀀")).get("name");
        assertThat(printed.plain()).startsWith("王(").doesNotContain("𠀀");
        assertThat(printed.substituted()).isTrue();

        // 䶮 (U+4DAE, extension A, as in 刘䶮): pinyin4j knows it (yǎn) when no font has the glyph.
        PrintedText yan = renderer.prepare(java.util.Map.of("name", "刘䶮")).get("name");
        boolean anyFontHasYan = fonts.all().stream().anyMatch(f -> f.canDisplay(0x4DAE));
        assertThat(yan.substituted()).isEqualTo(!anyFontHasYan);
        if (!anyFontHasYan) {
            assertThat(yan.plain()).isEqualTo("刘(yǎn)");
        }

        // Common names need no substitution and no flag.
        assertThat(renderer.render("tianjin", SampleCertificates.content("欧阳娜娜", "电子信息")).rareCharacters()).isFalse();
    }

    @Test
    void theWideCoverageFontIsEmbeddedOnlyForACharacterSongAndKaiLack() throws Exception {
        assumeTrue(poppler(), "poppler-utils are needed");
        // 堃 (U+5803, common in names, outside GB 2312): not in the AR PL fonts, drawn by Droid Sans Fallback.
        assertThat(fonts.familyFor(0x5803, "CertSong")).contains("CertHei");
        Path common = OUT.resolve("fonts-common.pdf");
        Path wide = OUT.resolve("fonts-wide.pdf");
        Files.write(common, renderer.render("hubei", SampleCertificates.content("王坤", "电子信息")).pdf());
        CertificateRenderer.Rendered rendered = renderer.render("hubei", SampleCertificates.content("王堃", "电子信息"));
        assertThat(rendered.rareCharacters()).as("a glyph an embedded font has is no rare character").isFalse();
        Files.write(wide, rendered.pdf());

        List<String> commonFonts = run("pdffonts", common.toString()).lines().skip(2).toList();
        assertThat(commonFonts).hasSize(2).noneMatch(row -> row.contains("DroidSansFallback"));
        List<String> wideFonts = run("pdffonts", wide.toString()).lines().skip(2).toList();
        assertThat(wideFonts).hasSize(3).anyMatch(row -> row.contains("DroidSansFallback"))
                .allSatisfy(row -> assertThat(row.substring(row.indexOf("Identity-H") + 10).trim()).startsWith("yes yes"));
        assertThat(run("pdftotext", wide.toString(), "-").replaceAll("\\s", "")).contains("王堃");
    }

    @Test
    void veryLongNamesAndSpecialtiesStillFitOnOnePage() throws Exception {
        assumeTrue(poppler(), "poppler-utils are needed");
        String longName = "阿卜杜热合曼·买买提依明·艾合买提江·库尔班";
        String longSpecialty = "电子信息工程技术（集成电路设计与系统集成、嵌入式系统与物联网应用、人工智能与大数据处理方向）";
        for (String template : templates()) {
            byte[] pdf = renderer.render(template, SampleCertificates.content(longName, longSpecialty)).pdf();
            Path file = OUT.resolve("long-" + template + ".pdf");
            Files.write(file, pdf);
            assertThat(run("pdfinfo", file.toString())).as(template).containsPattern("Pages:\\s+1\\n");
            String text = run("pdftotext", "-layout", file.toString(), "-");
            assertThat(text.replaceAll("\\s", "")).as(template + " prints the whole long name").contains("阿卜杜热合曼");
        }
    }

    static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalArgumentException("pattern not found");
    }

    static double meanDifference(BufferedImage a, BufferedImage b) {
        assertThat(a.getWidth()).isEqualTo(b.getWidth());
        assertThat(a.getHeight()).isEqualTo(b.getHeight());
        long sum = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    sum += Math.abs(((p >> shift) & 0xff) - ((q >> shift) & 0xff));
                }
            }
        }
        return sum / (3.0 * a.getWidth() * a.getHeight());
    }

}
