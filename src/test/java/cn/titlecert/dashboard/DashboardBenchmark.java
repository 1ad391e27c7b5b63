package cn.titlecert.dashboard;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import cn.titlecert.TestIdNumbers;
import cn.titlecert.TitlecertApplication;
import cn.titlecert.application.AcquisitionPath;
import cn.titlecert.application.ApplicationRequest;
import cn.titlecert.application.ApplicationService;
import cn.titlecert.certificate.CertificateIssuer;
import cn.titlecert.certificate.TitleLevel;
import cn.titlecert.issuance.IssuanceFixtures;
import cn.titlecert.person.IdType;
import cn.titlecert.security.CurrentUser;
import cn.titlecert.security.Role;

/**
 * How long the dashboard takes on a busy bureau: C certificates over the last 12 months (rows written directly),
 * B cases waiting at the employer (submitted through the product, so real engine tasks), W cases waiting for a
 * photo. Not a test: a command that prints the time of {@code GET /api/dashboard}'s work and of the Excel export.
 *
 * <pre>
 * ./mvnw -q test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=cn.titlecert.dashboard.DashboardBenchmark -Dexec.args="20000 2000 500 h2"
 * ... -Dexec.args="20000 2000 500 mariadb"   (the local MariaDB, database titlecert_dashboard_bench, made afresh)
 * </pre>
 */
public final class DashboardBenchmark {

    private DashboardBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int certificates = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int backlog = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        int photoWaits = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        String database = args.length > 3 ? args[3] : "h2";
        List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--titlecert.demo-applications=false",
                "--titlecert.data-dir=target/dashboard-bench", "--logging.level.root=WARN"));
        if ("mariadb".equals(database)) {
            try (Connection c = DriverManager.getConnection("jdbc:mysql://127.0.0.1:3306/?useSSL=false", "root", "");
                    Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS titlecert_dashboard_bench");
                s.execute("CREATE DATABASE titlecert_dashboard_bench CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci");
            }
            arguments.add("--spring.profiles.active=test,mariadb");
            arguments.add("--spring.datasource.url=jdbc:mysql://127.0.0.1:3306/titlecert_dashboard_bench"
                    + "?sendFractionalSeconds=false&characterEncoding=UTF-8&useSSL=false&allowPublicKeyRetrieval=true"
                    + "&nullDatabaseMeansCurrent=true&rewriteBatchedStatements=true");
        } else {
            arguments.add("--spring.profiles.active=test");
            arguments.add("--spring.datasource.url=jdbc:h2:mem:dashboard-bench;DB_CLOSE_DELAY=-1");
        }
        try (ConfigurableApplicationContext context = SpringApplication.run(TitlecertApplication.class,
                arguments.toArray(String[]::new))) {
            run(context, certificates, backlog, photoWaits, database);
        }
        System.exit(0);
    }

    private static void run(ConfigurableApplicationContext context, int certificates, int backlog, int photoWaits,
            String database) throws Exception {
        IssuanceFixtures fixtures = context.getBean(IssuanceFixtures.class);
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        // Writes in transactions: on MySQL the pool's connections do not auto-commit.
        TransactionTemplate transactions = context.getBean(TransactionTemplate.class);
        ApplicationService applications = context.getBean(ApplicationService.class);
        DashboardService dashboards = context.getBean(DashboardService.class);
        DashboardExport export = context.getBean(DashboardExport.class);
        Clock clock = context.getBean(Clock.class);
        YearMonth month = YearMonth.now(clock.withZone(CertificateIssuer.CHINA));

        IssuanceFixtures.Bureau b = fixtures.newBureau();
        long started = System.nanoTime();
        long personId = jdbc.queryForObject("SELECT person_id FROM application WHERE id = ?", Long.class,
                fixtures.approvedCases(b, month, 1, true).get(0));
        AcquisitionPath[] paths = AcquisitionPath.values();
        TitleLevel[] levels = TitleLevel.values();
        List<Object[]> rows = new ArrayList<>();
        String run = Long.toString(System.nanoTime(), 36).toUpperCase(Locale.ROOT);
        for (int i = 0; i < certificates; i++) {
            LocalDate issued = month.minusMonths(i % 12).atDay(1 + i % 28);
            rows.add(new Object[] {"Z" + run + i, personId, "测试", paths[i % paths.length].name(), "工程技术", "工程师",
                    levels[i % levels.length].name(), issued, b.bureau().name(), b.bureau().id(), issued, "VALID",
                    Instant.now()});
            if (rows.size() == 1000 || i == certificates - 1) {
                transactions.executeWithoutResult(s -> jdbc.batchUpdate("INSERT INTO certificate (number, person_id,"
                        + " holder_name, path, title_series, title_name, title_level, obtained_on, issuing_authority,"
                        + " issuing_org_id, issued_on, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        rows));
                rows.clear();
            }
        }
        System.out.printf("%d certificates written in %d ms%n", certificates, (System.nanoTime() - started) / 1_000_000);

        started = System.nanoTime();
        CurrentUser employer = new CurrentUser("bench-employer", "人事", Set.of(Role.EMPLOYER), b.employer().id(),
                b.employer().treePath(), null);
        for (int i = 0; i < backlog; i++) {
            applications.submit(employer, new ApplicationRequest(AcquisitionPath.SELF_APPOINTMENT, null,
                    new ApplicationRequest.PersonData("积压" + i, null, null, IdType.RESIDENT_ID,
                            TestIdNumbers.randomResidentId(), TestIdNumbers.randomPhone()),
                    new ApplicationRequest.TitleData("工程技术", "电子信息", "工程师", TitleLevel.INTERMEDIATE),
                    LocalDate.of(2026, 9, 1), b.employer().id(), null, null, null));
        }
        System.out.printf("%d cases submitted (waiting at the employer) in %d ms%n", backlog,
                (System.nanoTime() - started) / 1_000_000);

        started = System.nanoTime();
        fixtures.approvedCases(b, month, photoWaits, false);
        transactions.executeWithoutResult(s -> {
            jdbc.update("INSERT INTO issuance_batch (issuance_month, bureau_id, status, release_on, created_at)"
                    + " VALUES (?, ?, 'GENERATING', ?, ?)", month.toString(), b.bureau().id(),
                    month.plusMonths(1).atDay(15), Instant.now());
            long batch = jdbc.queryForObject("SELECT id FROM issuance_batch WHERE issuance_month = ? AND bureau_id = ?",
                    Long.class, month.toString(), b.bureau().id());
            jdbc.update("INSERT INTO issuance_item (batch_id, application_id, person_id, status, updated_at)"
                    + " SELECT ?, a.id, a.person_id, 'WAITING_FOR_PHOTO', ? FROM application a"
                    + " WHERE a.status = 'APPROVED' AND a.issuing_bureau_id = ? AND a.person_id <> ?", batch,
                    Instant.now(), b.bureau().id(), personId);
        });
        System.out.printf("%d cases waiting for a photo in %d ms%n", photoWaits, (System.nanoTime() - started) / 1_000_000);

        CurrentUser bureau = new CurrentUser(b.staffUsername(), "发证机关", Set.of(Role.BUREAU), b.bureau().id(),
                b.bureau().treePath(), null);
        long[] builds = new long[15];
        DashboardService.Dashboard last = null;
        for (int i = 0; i < builds.length; i++) {
            long t = System.nanoTime();
            last = dashboards.build(bureau, 12, Locale.SIMPLIFIED_CHINESE);
            builds[i] = (System.nanoTime() - t) / 1_000;
        }
        byte[] xlsx = export.xlsx(last, Locale.SIMPLIFIED_CHINESE); // the first loads Apache POI's classes
        long t = System.nanoTime();
        xlsx = export.xlsx(last, Locale.SIMPLIFIED_CHINESE);
        long xlsxMicros = (System.nanoTime() - t) / 1_000;
        long[] warm = Arrays.copyOfRange(builds, 5, builds.length);
        Arrays.sort(warm);
        System.out.printf("%s: issued %d, backlog %d, waiting for photo %d%n", database, last.issued().total(),
                last.backlog().total(), last.waitingForPhoto().total());
        System.out.printf("dashboard build: first %.1f ms, warm p50 %.1f ms, max %.1f ms; Excel export %.1f ms (%d KB)%n",
                builds[0] / 1000.0, warm[warm.length / 2] / 1000.0, warm[warm.length - 1] / 1000.0, xlsxMicros / 1000.0,
                xlsx.length / 1024);
    }
}
