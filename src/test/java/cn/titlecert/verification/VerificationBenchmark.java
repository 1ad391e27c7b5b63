package cn.titlecert.verification;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

import cn.titlecert.BenchmarkDatabase;
import cn.titlecert.CpuAccount;
import cn.titlecert.TestData;
import cn.titlecert.TitlecertApplication;
import cn.titlecert.application.AcquisitionPath;
import cn.titlecert.application.ReviewType;
import cn.titlecert.certificate.Certificate;
import cn.titlecert.certificate.CertificateMapper;
import cn.titlecert.certificate.CertificateStatus;
import cn.titlecert.certificate.TitleLevel;
import cn.titlecert.certificate.VerificationToken;
import cn.titlecert.organisation.Organisation;
import cn.titlecert.organisation.OrganisationService;
import cn.titlecert.person.Person;
import cn.titlecert.persistence.GeneratedKey;

/**
 * Verifications per second through the public API, as phones scanning QR codes ask it: {@code GET
 * /api/public/verify/{token}} over HTTP on the product's own server (security filters, the token's hash looked up in
 * both tables, the certificate's status, JSON), from several client threads for a fixed time, one request in ten
 * with a well-formed token that matches nothing (404). Not a test: a command that prints figures.
 *
 * <pre>
 * ./mvnw -q test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=cn.titlecert.verification.VerificationBenchmark -Dexec.args="10000 h2 8 30"
 * ... -Dexec.args="10000 mariadb 8 30"   (certificates, database, client threads, seconds measured)
 * </pre>
 *
 * The certificates are rows written straight to the table with tokens the benchmark keeps (rendering them would
 * measure issuance); a verification does not read the PDF.
 */
public final class VerificationBenchmark {

    private VerificationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int certificates = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        String database = args.length > 1 ? args[1] : "h2";
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 30;
        List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--titlecert.demo-applications=false",
                "--titlecert.data-dir=target/bench-verify", "--logging.level.root=WARN",
                "--camunda.bpm.job-execution.enabled=false"));
        arguments.addAll(BenchmarkDatabase.prepare(database, Path.of("target", "bench-verify"), "titlecert_verify_bench"));
        try (ConfigurableApplicationContext context = SpringApplication.run(TitlecertApplication.class,
                arguments.toArray(String[]::new))) {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            long started = System.nanoTime();
            String[] tokens = certificates(context, certificates);
            System.out.printf("%d certificates written in %.1f s%n", certificates, (System.nanoTime() - started) / 1e9);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String base = "http://localhost:" + port + "/api/public/verify/";
            System.out.println("warm-up, 20 s:");
            run(http, base, tokens, threads, 20, database, null);
            run(http, base, tokens, threads, seconds, database, database.startsWith("mariadb") ? "mariadbd" : null);
        }
        System.exit(0);
    }

    /** Certificates of 100 people, each with its token; returns the tokens. */
    private static String[] certificates(ConfigurableApplicationContext context, int count) {
        TestData data = context.getBean(TestData.class);
        OrganisationService organisations = context.getBean(OrganisationService.class);
        CertificateMapper rows = context.getBean(CertificateMapper.class);
        TransactionTemplate transactions = context.getBean(TransactionTemplate.class);
        Organisation bureau = organisations.findByCode("TJ-HRSS").orElseThrow();
        Organisation employer = organisations.findByCode("TJ-EMP-BHDZ").orElseThrow();
        List<Person> people = transactions.execute(tx -> {
            List<Person> made = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                made.add(data.person("核验" + i, employer));
            }
            return made;
        });
        String[] tokens = new String[count];
        String prefix = "V" + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36).toUpperCase();
        for (int from = 0; from < count; from += 1000) {
            int start = from;
            transactions.executeWithoutResult(tx -> {
                Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
                for (int i = start; i < Math.min(count, start + 1000); i++) {
                    Person p = people.get(i % people.size());
                    VerificationToken token = VerificationToken.generate();
                    tokens[i] = token.value();
                    // Every twentieth revoked: verification answers those too.
                    CertificateStatus status = i % 20 == 19 ? CertificateStatus.REVOKED : CertificateStatus.VALID;
                    rows.insert(new Certificate(null, prefix + i, null, p.id(), p.name(), AcquisitionPath.SELF_REVIEW,
                            ReviewType.SELF, "工程技术", "电子信息", "工程师", TitleLevel.INTERMEDIATE, LocalDate.of(2026, 6, 30),
                            "天津市工程技术系列电子信息专业中级评审委员会", null, employer.name(), bureau.name(), "津人社职〔2026〕1号",
                            LocalDate.of(2026, 7, 1), bureau.name(), bureau.id(), LocalDate.of(2026, 7, 15),
                            LocalDate.of(2026, 8, 15), status, token.hash(), null, null, "unified", false, null, null,
                            null, null, now, null, null, p.idNumberMasked()), new byte[] {0}, new GeneratedKey());
                }
            });
        }
        return tokens;
    }

    private static void run(HttpClient http, String base, String[] tokens, int threads, int seconds, String database,
            String server) throws InterruptedException {
        AtomicBoolean measuring = new AtomicBoolean(true);
        AtomicLong found = new AtomicLong();
        AtomicLong notFound = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long[][] latencies = new long[threads][];
        CpuAccount cpu = CpuAccount.now(server);
        long start = System.nanoTime();
        List<Thread> clients = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int index = t;
            Thread client = new Thread(() -> {
                long[] mine = new long[1 << 20];
                int n = 0;
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (measuring.get()) {
                    boolean known = random.nextInt(10) != 0;
                    String token = known ? tokens[random.nextInt(tokens.length)] : VerificationToken.generate().value();
                    long sent = System.nanoTime();
                    try {
                        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + token)).GET()
                                .build(), HttpResponse.BodyHandlers.ofString());
                        int expected = known ? 200 : 404;
                        if (answer.statusCode() != expected || known && !answer.body().contains("\"status\"")) {
                            failed.incrementAndGet();
                        } else if (known) {
                            found.incrementAndGet();
                        } else {
                            notFound.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                    if (n < mine.length) {
                        mine[n++] = System.nanoTime() - sent;
                    }
                }
                latencies[index] = Arrays.copyOf(mine, n);
            });
            client.start();
            clients.add(client);
        }
        Thread.sleep(Duration.ofSeconds(seconds).toMillis());
        measuring.set(false);
        for (Thread client : clients) {
            client.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
        long answered = found.get() + notFound.get();
        System.out.printf("%s, %d client threads: %d verifications in %.1f s = %.0f verifications/s (%d found, %d not "
                + "found, %d wrong answers); latency p50 %.1f ms, p99 %.1f ms (%d cores)%n", database, threads, answered,
                elapsed, answered / elapsed, found.get(), notFound.get(), failed.get(), percentile(all, 0.50),
                percentile(all, 0.99), Runtime.getRuntime().availableProcessors());
        if (server != null || answered > 0) {
            System.out.println("  " + cpu.perUnitSince((int) Math.max(1, answered), "verification")
                    + " (the clients run in the same JVM)");
        }
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " verifications answered wrongly");
        }
    }

    private static double percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (p * sorted.length))] / 1e6;
    }
}
