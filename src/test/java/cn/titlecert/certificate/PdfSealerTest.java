package cn.titlecert.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sealer's incremental writer (the signature's reserved bytes written in one call) against PDFBox's own
 * incremental save: the same document, key and time give the same file, byte for byte, for every layout, but for
 * what PDFBox makes different at every save; and the seal verifies.
 */
class PdfSealerTest {

    static CertificateFonts fonts;
    static CertificateRenderer renderer;

    @BeforeAll
    static void setUp() throws Exception {
        java.nio.file.Files.createDirectories(SealTimestampTest.OUT);
        fonts = new CertificateFonts();
        renderer = new CertificateRenderer(new CertificateTemplates(), fonts);
    }

    /**
     * Each file with what may differ between two saves made blank: the second half of /ID (PDFBox derives it from the
     * clock at each save) and so the signature value, whose digest covers it.
     */
    static String withoutSaveDependentParts(byte[] file) {
        String text = new String(file, StandardCharsets.ISO_8859_1);
        return text.replaceAll("/ID \\[<([0-9A-F]+)> <[0-9A-F]+>\\]", "/ID [<$1> <>]")
                .replaceAll("/Contents <[0-9A-F]+>", "/Contents <>");
    }

    @Test
    void theSealedFileIsTheOnePdfboxWouldWriteAndItsSealVerifies() {
        SealKeys keys = SealTimestampTest.keysWithTsa(null);
        SigningKey key = keys.forAuthority(null);
        PdfSealer sealer = new PdfSealer(fonts);
        Instant at = Instant.parse("2026-11-16T02:00:00Z");
        for (String template : new String[] {"unified", "guangdong", "guangxi", "hubei", "guizhou", "tianjin"}) {
            byte[] pdf = renderer.render(template, SampleCertificates.content("张三", "电子信息")).pdf();
            byte[] ours = sealer.seal(pdf, key, "天津市人力资源和社会保障局", at, true);
            byte[] pdfbox = sealer.seal(pdf, key, "天津市人力资源和社会保障局", at, false);
            assertThat(ours.length).as(template).isEqualTo(pdfbox.length);
            String oursText = withoutSaveDependentParts(ours);
            assertThat(oursText).as(template).contains("/ID [<").contains("/Contents <>")
                    .isEqualTo(withoutSaveDependentParts(pdfbox));
            assertThat(new String(ours, StandardCharsets.ISO_8859_1)).as(template).contains("/Contents <3080");
            PdfSignatureCheck.Result check = new PdfSignatureCheck(keys).check(ours);
            assertThat(check.intact()).as(template + ": " + check.failure()).isTrue();
        }
    }
}
