package cn.titlecert.issuance;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.metrics.Meter;
import org.camunda.bpm.engine.impl.metrics.MetricsRegistry;
import org.camunda.bpm.engine.management.Metrics;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.titlecert.CpuAccount;
import cn.titlecert.TitlecertApplication;
import cn.titlecert.security.IdentityAuthenticationProvider;

/**
 * End-to-end figure for a monthly batch: N approved cases with photos, the bureau's approval, then the product's
 * own job executor dispatches and generates (engine, database, rendering, signing) until the batch is GENERATED.
 * Not a test: a command that prints certificates per second.
 *
 * <pre>
 * ./mvnw -q test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=cn.titlecert.issuance.IssuanceBenchmark -Dexec.args="10000 h2"
 * ... -Dexec.args="10000 mariadb"   (the local MariaDB, database titlecert_bench, dropped and created again)
 * ... -Dexec.args="10000 h2 0"       (third argument: size of the warm-up batch, default 5000; 0 = a cold JVM)
 * </pre>
 */
public final class IssuanceBenchmark {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    /** Share of the JVM's CPU time its JIT compilers may still take in the last warm-up batch. */
    private static final double SETTLED_JIT_SHARE = 0.05;
    private static final int EXTRA_WARM_UPS = 4;
    private static final int EXTRA_WARM_UP = 2000;

    private IssuanceBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int cases = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        String database = args.length > 1 ? args[1] : "h2";
        int warmUp = args.length > 2 ? Integer.parseInt(args[2]) : 5000;
        List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--camunda.bpm.job-execution.enabled=true",
                "--titlecert.issuance.poll-interval=PT1S", "--titlecert.demo-applications=false",
                "--titlecert.data-dir=target/bench", "--logging.level.root=WARN",
                "--logging.level.cn.titlecert.issuance.IssuanceBenchmark=INFO",
                // The job executor's counters below stay in memory: the reporter would reset them when it writes.
                "--camunda.bpm.metrics.db-reporter-activate=false"));
        arguments.addAll(cn.titlecert.BenchmarkDatabase.prepare(database, Path.of("target", "bench"), "titlecert_bench"));
        try (ConfigurableApplicationContext context = SpringApplication.run(TitlecertApplication.class,
                arguments.toArray(String[]::new))) {
            if (warmUp > 0) {
                // The JIT compilers take minutes on a fresh JVM (Camunda, JasperReports, MyBatis, the database): on
                // these 2-core machines they still take about 30% of the JVM's CPU through a first batch of 5,000. More
                // warm-up batches follow until they take less than a twentieth of it, so the figure is a node's steady
                // state. (Attaching a profiler to the running JVM sends them back to work for minutes: see docs/processes.md, Monthly issuance.)
                System.out.printf("warm-up batch of %d:%n", warmUp);
                Optional<Double> jit = run(context, warmUp, database + " warm-up");
                for (int extra = 1; jit.filter(share -> share > SETTLED_JIT_SHARE).isPresent()
                        && extra <= EXTRA_WARM_UPS; extra++) {
                    System.out.printf("the JIT compilers took %.0f%% of the JVM's CPU: warm-up batch %d of %d more%n",
                            100 * jit.get(), extra, EXTRA_WARM_UPS);
                    jit = run(context, EXTRA_WARM_UP, database + " warm-up");
                }
            }
            run(context, cases, database);
        }
        System.exit(0);
    }

    /** @return the JIT compilers' share of the JVM's CPU after dispatch, where the machine tells */
    private static Optional<Double> run(ConfigurableApplicationContext context, int cases, String database)
            throws Exception {
        IssuanceFixtures fixtures = context.getBean(IssuanceFixtures.class);
        IssuanceOperations operations = context.getBean(IssuanceOperations.class);
        IssuanceMapper batches = context.getBean(IssuanceMapper.class);
        IdentityAuthenticationProvider users = context.getBean(IdentityAuthenticationProvider.class);
        YearMonth month = YearMonth.now(CHINA);

        long prepared = System.nanoTime();
        IssuanceFixtures.Bureau b = fixtures.newBureau();
        fixtures.approvedCases(b, month, cases, true);
        System.out.printf("prepared %d approved cases with photos in %.1f s%n", cases, seconds(prepared));

        Map<String, Long> jobsBefore = jobMetrics(context);
        String server = database.startsWith("mariadb") ? "mariadbd" : null;
        CpuAccount cpu = CpuAccount.now(server);
        CpuAccount afterDispatch = null;
        long generatedAtDispatch = 0;
        long start = System.nanoTime();
        operations.runNow(b.bureau().id(), month);
        operations.approve(users.load(b.staffUsername()), month, LocalDate.now(CHINA), "测试人力资源和社会保障局", "测〔2026〕1号");
        IssuanceBatch batch = batches.findBatchByMonth(month.toString(), b.bureau().id()).orElseThrow();
        System.out.printf("collected and approved in %.1f s%n", seconds(start));
        long dispatchedAt = 0;
        long lastReport = System.nanoTime();
        while (batches.findBatch(batch.id()).orElseThrow().status() != BatchStatus.GENERATED) {
            Thread.sleep(250);
            if (dispatchedAt == 0 && !batches.hasUndispatched(batch.id())) {
                dispatchedAt = System.nanoTime();
                afterDispatch = CpuAccount.now(server);
                generatedAtDispatch = operations.view(b.bureau().id(), month).generated();
                System.out.printf("all %d generation jobs dispatched after %.1f s%n", cases, seconds(start));
            }
            if (System.nanoTime() - lastReport > Duration.ofSeconds(10).toNanos()) {
                lastReport = System.nanoTime();
                long done = operations.view(b.bureau().id(), month).generated();
                System.out.printf("  %6d generated after %5.1f s (%.1f/s)%n", done, seconds(start), done / seconds(start));
            }
        }
        double total = seconds(start);
        System.out.printf("%s: %d certificates end to end in %.1f s = %.1f certificates/s (%d cores)%n", database, cases,
                total, cases / total, Runtime.getRuntime().availableProcessors());
        System.out.println("  whole run: " + cpu.perUnitSince(cases, "certificate"));
        if (afterDispatch != null && cases - generatedAtDispatch > 0) {
            System.out.println("  after dispatch: " + afterDispatch.perUnitSince((int) (cases - generatedAtDispatch),
                    "certificate"));
        }
        // What was measured is what a bureau gets: one certificate per case, each with its own number and a sealed PDF.
        Map<String, Object> made = context.getBean(JdbcTemplate.class).queryForMap("SELECT COUNT(*) AS items, "
                + "COUNT(c.id) AS certificates, COUNT(DISTINCT c.number) AS numbers, MIN(LENGTH(c.pdf)) AS smallest "
                + "FROM issuance_item i LEFT JOIN certificate c ON c.id = i.certificate_id WHERE i.batch_id = ?",
                batch.id());
        System.out.printf("  checked: %s%n", made);
        if (((Number) made.get("certificates")).intValue() != cases || ((Number) made.get("numbers")).intValue() != cases) {
            throw new IllegalStateException("not one certificate with its own number per case: " + made);
        }
        Map<String, Long> jobs = jobMetrics(context);
        jobs.replaceAll((name, count) -> count - jobsBefore.getOrDefault(name, 0L));
        long attempts = jobs.getOrDefault(Metrics.JOB_ACQUISITION_ATTEMPT, 0L);
        System.out.printf("  job executor: %s; %.1f jobs per acquisition%n", jobs,
                attempts == 0 ? 0.0 : (double) jobs.getOrDefault(Metrics.JOB_ACQUIRED_SUCCESS, 0L) / attempts);
        return (afterDispatch != null ? afterDispatch : cpu).jitShareSince();
    }

    /** The engine's job-executor counters (acquisitions, jobs acquired, rejected, executed, failed). */
    private static Map<String, Long> jobMetrics(ConfigurableApplicationContext context) {
        MetricsRegistry registry = ((ProcessEngineConfigurationImpl) context.getBean(ProcessEngine.class)
                .getProcessEngineConfiguration()).getMetricsRegistry();
        Map<String, Long> counts = new TreeMap<>();
        for (String name : List.of(Metrics.JOB_ACQUISITION_ATTEMPT, Metrics.JOB_ACQUIRED_SUCCESS,
                Metrics.JOB_ACQUIRED_FAILURE, Metrics.JOB_EXECUTION_REJECTED, Metrics.JOB_SUCCESSFUL, Metrics.JOB_FAILED,
                Metrics.JOB_LOCKED_EXCLUSIVE)) {
            Meter meter = registry.getDbMeterByName(name);
            counts.put(name, meter == null ? 0L : meter.get());
        }
        return counts;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
