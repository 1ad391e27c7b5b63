package cn.titlecert.certificate;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import cn.titlecert.demo.DemoPhoto;

/**
 * Benchmark, not a test: renders and seals N certificates (fill + PDF export + PAdES signature, no database) on one
 * thread and then on all cores, printing certificates per second, p50/p99 wall time per certificate, and the median
 * CPU time of each phase: fill (with the QR code), PDF export, seal. Unlike wall time, CPU time is hardly disturbed
 * by other builds on the same machine. Every certificate is a complete, individually filled, exported and signed PDF
 * with a fresh verification link. See docs/certificates.md.
 * <pre>./mvnw -q test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java -Dexec.mainClass=cn.titlecert.certificate.CertificateBenchmark -Dexec.classpathScope=test -Dexec.args="500 hubei"</pre>
 */
public final class CertificateBenchmark {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int WARM_UP = 1000;

    /** Nanoseconds of one certificate: wall, and the CPU time of filling (with the QR code), export and sealing. */
    private record Sample(long wall, long fillCpu, long exportCpu, long sealCpu) {
    }

    @FunctionalInterface
    private interface Certificate {
        Sample make();
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        String template = args.length > 1 ? args[1] : "hubei";
        CertificateFonts fonts = new CertificateFonts();
        CertificateRenderer renderer = new CertificateRenderer(new CertificateTemplates(), fonts);
        Path dir = Files.createTempDirectory("titlecert-bench");
        SealKeys keys = new SealKeys(new CertificateProperties("", null, template,
                new CertificateProperties.Seal(dir.resolve("seal.p12"), "bench", "seal", null, true), null), Clock.systemUTC());
        PdfSealer sealer = new PdfSealer(fonts);
        byte[] photo = DemoPhoto.jpeg();
        SigningKey key = keys.forAuthority(null);
        Certificate one = () -> {
            long wall = System.nanoTime();
            long cpu = THREADS.getCurrentThreadCpuTime();
            CertificateRenderer.Content content = new CertificateRenderer.Content(
                    SampleCertificates.values("张三", "电子信息"), photo,
                    "https://zc.example.gov.cn/verify/" + VerificationToken.generate().value());
            CertificateRenderer.Filled filled = renderer.fill(template, content);
            long filledAt = THREADS.getCurrentThreadCpuTime();
            byte[] pdf = renderer.export(filled.print(), content);
            long exportedAt = THREADS.getCurrentThreadCpuTime();
            sealer.seal(pdf, key, "天津市人力资源和社会保障局", Instant.now());
            long sealedAt = THREADS.getCurrentThreadCpuTime();
            return new Sample(System.nanoTime() - wall, filledAt - cpu, exportedAt - filledAt, sealedAt - exportedAt);
        };
        int cores = Runtime.getRuntime().availableProcessors();
        run(WARM_UP, cores, one); // warm-up, not printed: font cache, seal appearance, JIT
        System.out.printf("template %s, %d cores; CPU columns are medians per certificate%n", template, cores);
        report("1 thread", n, 1, one);
        report(cores + " threads", n, cores, one);
    }

    private static double median(Sample[] samples, java.util.function.ToLongFunction<Sample> phase) {
        long[] sorted = Arrays.stream(samples).mapToLong(phase).sorted().toArray();
        return sorted[sorted.length / 2] / 1e6;
    }

    private static void report(String label, int n, int threads, Certificate one) throws Exception {
        long start = System.nanoTime();
        Sample[] samples = run(n, threads, one);
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] wall = Arrays.stream(samples).mapToLong(Sample::wall).sorted().toArray();
        System.out.printf("%-10s %5d certificates in %6.2f s: %6.1f certificates/s, p50 %5.1f ms, p99 %5.1f ms"
                        + " | CPU fill %4.1f ms, export %4.1f ms, seal %4.1f ms%n",
                label, n, seconds, n / seconds, wall[n / 2] / 1e6, wall[(int) (n * 0.99)] / 1e6,
                median(samples, Sample::fillCpu), median(samples, Sample::exportCpu), median(samples, Sample::sealCpu));
    }

    private static Sample[] run(int n, int threads, Certificate one) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            Sample[] samples = new Sample[n];
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    samples[index] = one.make();
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            return samples;
        } finally {
            pool.shutdown();
        }
    }
}
