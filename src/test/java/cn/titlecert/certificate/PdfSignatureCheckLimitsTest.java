package cn.titlecert.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import cn.titlecert.certificate.PdfSignatureCheck.Failure;
import cn.titlecert.certificate.PdfSignatureCheck.Limits;

/**
 * A hostile file is refused for the limit it reaches, before it takes what it asks for: the bytes it inflates to,
 * the rows it makes PDFBox allocate, the entries it makes the table hold; our own certificates pass the limits.
 */
class PdfSignatureCheckLimitsTest {

    static final long GIGABYTE = 1L << 30;
    static SealKeys keys;
    static PdfSignatureCheck check;

    @BeforeAll
    static void setUp() throws Exception {
        Path out = Path.of("target/certificates");
        Files.createDirectories(out);
        CertificateProperties properties = new CertificateProperties("", null, "unified",
                new CertificateProperties.Seal(out.resolve("test-seal.p12"), "test-password", "seal", null, true), null);
        keys = new SealKeys(properties, Clock.systemUTC());
        check = new PdfSignatureCheck(keys);
    }

    /** What the current thread allocates while checking, and the failure. */
    record Checked(Failure failure, long allocatedBytes) {
    }

    static Checked checked(byte[] file, Limits limits) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        PdfSignatureCheck.Result result = check.check(file, limits);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        return new Checked(result.failure().orElse(null), allocated);
    }

    @Test
    void anObjectStreamInflatingToAGigabyteIsRefusedWithinTheBudget() {
        byte[] bomb = HostilePdfs.objectStreamBomb(GIGABYTE);
        assertThat(bomb.length).isLessThan(2 << 20);
        Checked checked = checked(bomb, Limits.DEFAULT);
        assertThat(checked.failure()).isEqualTo(Failure.CONTENT_TOO_LARGE);
        assertThat(checked.allocatedBytes()).isLessThan(64L << 20);
    }

    @Test
    void aCrossReferenceStreamInflatingToAGigabyteIsRefusedWithinTheBudget() {
        Checked checked = checked(HostilePdfs.xrefStreamBomb(GIGABYTE), Limits.DEFAULT);
        assertThat(checked.failure()).isEqualTo(Failure.CONTENT_TOO_LARGE);
        assertThat(checked.allocatedBytes()).isLessThan(64L << 20);
    }

    @Test
    void predictorRowsLongerThanTheBudgetAreRefusedBeforeTheyAreAllocated() {
        Checked checked = checked(HostilePdfs.predictorRows(256 << 20), Limits.DEFAULT);
        assertThat(checked.failure()).isEqualTo(Failure.CONTENT_TOO_LARGE);
        assertThat(checked.allocatedBytes()).isLessThan(64L << 20);
    }

    @Test
    void aCrossReferenceStreamDeclaringMillionsOfEmptyEntriesIsRefusedBeforeTheyAreAdded() {
        Checked checked = checked(HostilePdfs.emptyEntries(20_000_000), Limits.DEFAULT);
        assertThat(checked.failure()).isEqualTo(Failure.TOO_MANY_OBJECTS);
        assertThat(checked.allocatedBytes()).isLessThan(64L << 20);
    }

    @Test
    void tooManyObjectsAreRefusedWithOrWithoutObjectStreams() {
        assertThat(checked(HostilePdfs.objects(1200, true), Limits.DEFAULT).failure()).isEqualTo(Failure.TOO_MANY_OBJECTS);
        assertThat(checked(HostilePdfs.objects(1200, false), Limits.DEFAULT).failure()).isEqualTo(Failure.TOO_MANY_OBJECTS);
        // Below the limit the same file is read, and refused only for carrying no seal.
        assertThat(checked(HostilePdfs.objects(100, true), Limits.DEFAULT).failure()).isEqualTo(Failure.NOT_SIGNED);
        assertThat(checked(HostilePdfs.objects(100, false), Limits.DEFAULT).failure()).isEqualTo(Failure.NOT_SIGNED);
    }

    @Test
    void tooManyPagesAreRefused() {
        assertThat(checked(HostilePdfs.pages(11), Limits.DEFAULT).failure()).isEqualTo(Failure.TOO_MANY_PAGES);
        assertThat(checked(HostilePdfs.pages(10), Limits.DEFAULT).failure()).isEqualTo(Failure.NOT_SIGNED);
    }

    @Test
    void ourCertificatesPassTheLimitsAndAreStoppedPastTheTimeLimit() {
        CertificateFonts fonts = new CertificateFonts();
        CertificateRenderer renderer = new CertificateRenderer(new CertificateTemplates(), fonts);
        byte[] sealed = new PdfSealer(fonts).seal(renderer.render("unified", SampleCertificates.content("张三", "电子信息")).pdf(),
                keys.forAuthority(null), "天津市人力资源和社会保障局", Instant.parse("2026-11-28T02:00:00Z"));

        assertThat(check.check(sealed, Limits.DEFAULT).failure()).isEmpty();
        // Tight limits still fit one of ours: one page, a few dozen objects, a few kilobytes decoded.
        assertThat(check.check(sealed, new Limits(1, 64, 16 << 10, Duration.ofSeconds(5))).failure()).isEmpty();
        assertThat(check.check(sealed, new Limits(10, 1000, 4L << 20, Duration.ZERO)).failure()).contains(Failure.TIMED_OUT);
    }
}
