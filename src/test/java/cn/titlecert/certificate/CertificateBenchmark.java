package cn.titlecert.certificate;

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
 * thread and then on all cores, printing certificates per second and p50/p99 per certificate. See README.
 * <pre>./mvnw -q test-compile exec:java -Dexec.mainClass=cn.titlecert.certificate.CertificateBenchmark -Dexec.classpathScope=test -Dexec.args=500</pre>
 */
public final class CertificateBenchmark {

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
        Runnable one = () -> {
            CertificateRenderer.Content content = new CertificateRenderer.Content(
                    SampleCertificates.values("张三", "电子信息"), photo,
                    "https://zc.example.gov.cn/verify/" + VerificationToken.generate().value());
            sealer.seal(renderer.render(template, content).pdf(), key, "天津市人力资源和社会保障局", Instant.now());
        };
        for (int i = 0; i < Math.min(200, n); i++) {
            one.run(); // warm-up: JIT, font cache, seal appearance
        }
        int cores = Runtime.getRuntime().availableProcessors();
        report("1 thread", n, 1, one);
        report(cores + " threads", n, cores, one);
    }

    private static void report(String label, int n, int threads, Runnable one) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long[] times = new long[n];
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int index = i;
            futures.add(pool.submit(() -> {
                long s = System.nanoTime();
                one.run();
                times[index] = System.nanoTime() - s;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        Arrays.sort(times);
        System.out.printf("%-10s %5d certificates in %6.2f s: %6.1f certificates/s, p50 %5.1f ms, p99 %5.1f ms%n",
                label, n, seconds, n / seconds, times[n / 2] / 1e6, times[(int) (n * 0.99)] / 1e6);
    }
}
