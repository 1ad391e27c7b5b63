package cn.titlecert.issuance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricJobLog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.titlecert.MutableClock;
import cn.titlecert.security.IdentityAuthenticationProvider;

/**
 * R8 on the shared database (MariaDB): a node killed with SIGKILL in the middle of a batch and started again,
 * and two nodes sharing one batch, both end with exactly one certificate per case and unique numbers. The nodes
 * are separate JVMs running the product with its job executor; this test prepares the batch and checks the end.
 */
@SpringBootTest(properties = "titlecert.demo-applications=false")
@Import(IssuanceFixtures.class)
class IssuanceResilienceTest {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final YearMonth MONTH = YearMonth.of(2026, 11);
    /** A killed node's jobs are taken over after this: short, so that the restart goes on soon. */
    private static final long SHORT_LOCK = 5_000;
    /**
     * Two live nodes: long enough that a cold node's first certificate (templates compiled, fonts loaded, on a
     * loaded 2-core machine) finishes before its lock runs out and the other node takes the job over.
     */
    private static final long SHARED_LOCK = 60_000;

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(LocalDate.of(2026, 11, 16).atTime(9, 0).atZone(CHINA).toInstant(), CHINA);
        }
    }

    @Autowired IssuanceFixtures fixtures;
    @Autowired IssuanceOperations operations;
    @Autowired IssuanceMapper batches;
    @Autowired IdentityAuthenticationProvider users;
    @Autowired JdbcTemplate jdbc;
    @Autowired RuntimeService runtime;
    @Autowired HistoryService history;
    @Autowired Environment environment;
    @Value("${spring.datasource.url}") String databaseUrl;

    @BeforeEach
    void onlyOnASharedDatabase() {
        // Separate JVMs cannot share the in-memory H2 of the default run: this runs in the MariaDB run (-Pmariadb).
        assumeTrue(databaseUrl.startsWith("jdbc:mysql:") || databaseUrl.startsWith("jdbc:mariadb:"),
                "needs a database that other processes can reach");
    }

    private String profiles() {
        return String.join(",", environment.getActiveProfiles());
    }

    /** A bureau's approved batch of {@code cases} cases with photos plus one without, checked and approved. */
    private IssuanceBatch approvedBatch(int cases) {
        IssuanceFixtures.Bureau b = fixtures.newBureau();
        fixtures.approvedCases(b, MONTH, cases, true);
        fixtures.approvedCases(b, MONTH, 1, false);
        operations.runNow(b.bureau().id(), MONTH);
        operations.approve(users.load(b.staffUsername()), MONTH, LocalDate.of(2026, 11, 16), "测试人力资源和社会保障局",
                "测人社职〔2026〕9号");
        return batches.findBatchByMonth(MONTH.toString(), b.bureau().id()).orElseThrow();
    }

    private Map<ItemStatus, Long> counts(IssuanceBatch batch) {
        return batches.countByStatus(batch.id()).stream()
                .collect(Collectors.toMap(IssuanceMapper.StatusCount::status, IssuanceMapper.StatusCount::n));
    }

    private static void await(String what, Duration limit, BooleanSupplier condition, ApplicationNode... nodes)
            throws InterruptedException {
        Instant end = Instant.now().plus(limit);
        while (!condition.getAsBoolean()) {
            for (ApplicationNode node : nodes) {
                assertThat(node.alive()).as(node.name() + " stopped; see " + node.log()).isTrue();
            }
            assertThat(Instant.now()).as("waiting for " + what).isBefore(end);
            Thread.sleep(200);
        }
    }

    /** Exactly one certificate per generated case, every number once, and nothing failed. */
    private void assertExactlyOneCertificatePerCase(IssuanceBatch batch, int cases) {
        Map<String, Object> row = jdbc.queryForMap("SELECT COUNT(*) AS certificates, COUNT(DISTINCT c.application_id) AS cases,"
                + " COUNT(DISTINCT c.number) AS numbers FROM certificate c JOIN issuance_item i"
                + " ON i.application_id = c.application_id WHERE i.batch_id = ?", batch.id());
        assertThat(((Number) row.get("certificates")).longValue()).isEqualTo(cases);
        assertThat(((Number) row.get("cases")).longValue()).isEqualTo(cases);
        assertThat(((Number) row.get("numbers")).longValue()).isEqualTo(cases);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM issuance_item WHERE batch_id = ? AND status = 'GENERATED'"
                + " AND certificate_id IS NULL", Long.class, batch.id())).isZero();
        Map<ItemStatus, Long> counts = counts(batch);
        assertThat(counts.get(ItemStatus.GENERATED)).isEqualTo(cases);
        assertThat(counts.get(ItemStatus.WAITING_FOR_PHOTO)).as("the case without a photo waits").isEqualTo(1L);
        assertThat(operations.view(batch.bureauId(), MONTH).failed()).isZero();
        assertThat(batches.findBatch(batch.id()).orElseThrow().status()).isEqualTo(BatchStatus.GENERATED);
    }

    @Test
    void aNodeKilledInTheMiddleOfABatchAndStartedAgainLeavesExactlyOneCertificatePerCase() throws Exception {
        int cases = 240;
        IssuanceBatch batch = approvedBatch(cases);
        long killedAt;
        try (ApplicationNode first = ApplicationNode.start("node-killed", profiles(), SHORT_LOCK)) {
            await("the first certificates", Duration.ofMinutes(4),
                    () -> counts(batch).getOrDefault(ItemStatus.GENERATED, 0L) >= 30, first);
            first.kill();
            killedAt = counts(batch).getOrDefault(ItemStatus.GENERATED, 0L);
        }
        assertThat(killedAt).as("killed in the middle of the batch").isLessThan(cases);
        try (ApplicationNode restarted = ApplicationNode.start("node-restarted", profiles(), SHORT_LOCK)) {
            await("the rest of the batch", Duration.ofMinutes(5),
                    () -> batches.findBatch(batch.id()).orElseThrow().status() == BatchStatus.GENERATED, restarted);
        }
        assertExactlyOneCertificatePerCase(batch, cases);
    }

    @Test
    void twoNodesShareOneBatchWithoutDuplicates() throws Exception {
        int cases = 300;
        IssuanceBatch batch = approvedBatch(cases);
        // Groups of five: 60 generation jobs, as a month of thousands of cases has hundreds in groups of 20; with 15
        // jobs one node may have taken them all before the other one's first look for jobs.
        String groupsOfFive = "--titlecert.issuance.group-size=5";
        try (ApplicationNode a = ApplicationNode.start("node-a", profiles(), SHARED_LOCK, groupsOfFive);
                ApplicationNode b = ApplicationNode.start("node-b", profiles(), SHARED_LOCK, groupsOfFive)) {
            await("the batch on two nodes", Duration.ofMinutes(5),
                    () -> batches.findBatch(batch.id()).orElseThrow().status() == BatchStatus.GENERATED, a, b);
        }
        assertExactlyOneCertificatePerCase(batch, cases);
        List<String> instances = jdbc.queryForList("SELECT process_instance_id FROM issuance_item WHERE batch_id = ?",
                String.class, batch.id());
        Map<String, Long> jobsPerNode = history.createHistoricJobLogQuery().processDefinitionKey("issuance-group")
                .successLog().list().stream().filter(log -> instances.contains(log.getProcessInstanceId()))
                .collect(Collectors.groupingBy(HistoricJobLog::getHostname, Collectors.counting()));
        assertThat(jobsPerNode).as("both nodes generated part of the batch").containsKeys("node-a", "node-b");
    }
}
