package cn.titlecert.certificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Rectangle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import net.sf.jasperreports.engine.JRPrintElement;
import net.sf.jasperreports.engine.JRPrintText;

/**
 * The annotation area (加注, R26) of every template: printed only on annotated copies, clear of every other
 * printed element and of the seal, and the sealed copy passes poppler's pdfsig. The PNGs under
 * target/certificates/annotated-*.png are there to be looked at.
 */
class AnnotatedCopyRenderingTest {

    static final Path OUT = CertificateRenderingTest.OUT;
    static final String SCENARIO = "求职应聘（天津滨海电子科技有限公司人力资源部）";

    @BeforeAll
    static void setUp() throws Exception {
        CertificateRenderingTest.setUp();
    }

    static List<String> templates() {
        return CertificateTemplates.NAMES;
    }

    static CertificateRenderer.Content annotated() {
        Map<String, String> values = SampleCertificates.values("张三", "电子信息");
        values.put(CertificateRenderer.ANNOTATION_SCENARIO, SCENARIO);
        values.put(CertificateRenderer.ANNOTATION_EXPIRY, "2027-02-26");
        return new CertificateRenderer.Content(values, cn.titlecert.demo.DemoPhoto.jpeg(),
                "https://zc.example.gov.cn/verify/BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB");
    }

    @ParameterizedTest
    @MethodSource("templates")
    void theAnnotationAreaIsPrintedOnlyOnAnnotatedCopiesAndOverlapsNothing(String template) {
        List<JRPrintElement> original = CertificateRenderingTest.renderer
                .fill(template, SampleCertificates.content("张三", "电子信息")).print().getPages().get(0).getElements();
        assertThat(original).as("no annotation area on the original")
                .noneMatch(e -> e.getKey() != null && e.getKey().startsWith("annotation."));

        List<JRPrintElement> elements = CertificateRenderingTest.renderer.fill(template, annotated()).print()
                .getPages().get(0).getElements();
        List<JRPrintElement> stamp = elements.stream()
                .filter(e -> e.getKey() != null && e.getKey().startsWith("annotation.")).toList();
        assertThat(stamp).hasSize(6);
        assertThat(stamp).filteredOn(e -> e instanceof JRPrintText)
                .extracting(e -> ((JRPrintText) e).getFullText())
                .contains("使用场景：", "有效期至：", "2027-02-26").anyMatch(t -> t.contains("求职应聘"));
        Rectangle frame = bounds(stamp.stream().filter(e -> e.getKey().equals("annotation.frame")).findFirst().orElseThrow());
        for (JRPrintElement other : elements) {
            if (stamp.contains(other) || !(other instanceof JRPrintText text) || text.getFullText() == null
                    || text.getFullText().isBlank()) {
                continue;
            }
            assertThat(bounds(other).intersects(frame)).as(template + ": the stamp overlaps \"" + text.getFullText() + "\"")
                    .isFalse();
        }
        assertThat(elements.stream().filter(e -> !stamp.contains(e) && !(e instanceof JRPrintText))
                .filter(e -> e.getWidth() < 700).map(AnnotatedCopyRenderingTest::bounds))
                .as(template + ": clear of the photo and the QR code").noneMatch(frame::intersects);
        Rectangle seal = PdfSealer.SEAL_AREA.getBounds();
        assertThat(seal.intersects(frame)).as(template + ": clear of the seal").isFalse();
    }

    @ParameterizedTest
    @MethodSource("templates")
    void theSealedAnnotatedCopyVerifiesWithPdfsig(String template) throws Exception {
        assumeTrue(CertificateRenderingTest.poppler(), "poppler-utils are needed");
        byte[] pdf = CertificateRenderingTest.renderer.render(template, annotated()).pdf();
        byte[] sealed = CertificateRenderingTest.sealer.seal(pdf, CertificateRenderingTest.keys.forAuthority(null),
                "天津市人力资源和社会保障局", Instant.parse("2026-11-28T02:00:00Z"));
        Path file = OUT.resolve("annotated-" + template + ".pdf");
        Files.write(file, sealed);
        assertThat(CertificateRenderingTest.run("pdfsig", file.toString())).contains("Total document signed")
                .contains("Signature is Valid.");
        String text = CertificateRenderingTest.run("pdftotext", file.toString(), "-").replaceAll("\\s", "");
        assertThat(text).contains("使用场景", "有效期至", "2027-02-26", "求职应聘");
        CertificateRenderingTest.run("pdftoppm", "-r", "60", "-png", "-singlefile", file.toString(),
                OUT.resolve("annotated-" + template).toString());
        assertThat(OUT.resolve("annotated-" + template + ".png")).exists();
    }

    private static Rectangle bounds(JRPrintElement e) {
        return new Rectangle(e.getX(), e.getY(), e.getWidth(), e.getHeight());
    }
}
