package cn.titlecert.audit;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Not a test: how long the chain check takes on a long audit log. Writes N chained entries into a fresh database
 * (an H2 file under target/, or the MariaDB database {@code titlecert_audit_bench}), then times the check the
 * verification command runs. Arguments: N and {@code h2} or {@code mariadb}.
 */
public final class AuditChainBenchmark {

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        boolean mariadb = args.length > 1 && args[1].equals("mariadb");
        String url;
        String user;
        Map<String, String> placeholders;
        if (mariadb) {
            try (Connection c = DriverManager.getConnection("jdbc:mysql://127.0.0.1:3306/?useSSL=false&allowPublicKeyRetrieval=true", "root", "");
                    Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS titlecert_audit_bench");
                s.execute("CREATE DATABASE titlecert_audit_bench CHARACTER SET utf8mb4");
            }
            url = "jdbc:mysql://127.0.0.1:3306/titlecert_audit_bench?sendFractionalSeconds=false&characterEncoding=UTF-8"
                    + "&useSSL=false&allowPublicKeyRetrieval=true&rewriteBatchedStatements=true";
            user = "root";
            placeholders = Map.of("blob", "LONGBLOB", "datetime", "DATETIME(3)", "table_options",
                    "ENGINE=InnoDB DEFAULT CHARSET=utf8mb4");
        } else {
            url = "jdbc:h2:file:" + Path.of("target", "audit-bench", UUID.randomUUID().toString(), "db").toAbsolutePath();
            user = "sa";
            placeholders = Map.of("blob", "BLOB", "datetime", "TIMESTAMP(3)", "table_options", "");
        }
        Flyway.configure().dataSource(url, user, "").locations("classpath:db/migration")
                .table("titlecert_schema_history").placeholders(placeholders).load().migrate();

        long started = System.nanoTime();
        try (Connection c = DriverManager.getConnection(url, user, "")) {
            c.setAutoCommit(false);
            String prev = AuditChain.GENESIS;
            Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(n);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO audit_log (id, occurred_at, actor, "
                    + "organisation_id, action, entity_type, entity_id, detail, reason, remote_addr, prev_hash, entry_hash) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (int i = 1; i <= n; i++) {
                    AuditEntry e = new AuditEntry((long) i, at.plusSeconds(i), "bureau", 1L, "PERSON_VIEWED", "person",
                            String.valueOf(i % 5000), "page=0, results=50", null, "10.0.0.1", prev, null);
                    String hash = AuditChain.hash(e);
                    insert.setLong(1, i);
                    insert.setTimestamp(2, Timestamp.from(e.occurredAt()));
                    insert.setString(3, e.actor());
                    insert.setLong(4, e.organisationId());
                    insert.setString(5, e.action());
                    insert.setString(6, e.entityType());
                    insert.setString(7, e.entityId());
                    insert.setString(8, e.detail());
                    insert.setString(9, null);
                    insert.setString(10, e.remoteAddr());
                    insert.setString(11, prev);
                    insert.setString(12, hash);
                    insert.addBatch();
                    prev = hash;
                    if (i % 2000 == 0) {
                        insert.executeBatch();
                        c.commit();
                    }
                }
                insert.executeBatch();
            }
            try (PreparedStatement head = c.prepareStatement(
                    "UPDATE audit_chain_head SET last_entry_id = ?, last_hash = ? WHERE id = 1")) {
                head.setLong(1, n);
                head.setString(2, prev);
                head.executeUpdate();
            }
            c.commit();
        }
        System.out.printf("wrote %,d entries in %.1f s%n", n, (System.nanoTime() - started) / 1e9);

        SingleConnectionDataSource dataSource = new SingleConnectionDataSource(url, user, "", true);
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.setFetchSize(AuditChain.PAGE_SIZE);
        for (int round = 1; round <= 3; round++) {
            long t = System.nanoTime();
            AuditChain.Check check = AuditVerifyCommand.check(jdbc);
            double seconds = (System.nanoTime() - t) / 1e9;
            System.out.printf("%s check %d: intact=%s, %,d entries in %.2f s = %,.0f entries/s; heap used %d MB%n",
                    mariadb ? "mariadb" : "h2", round, check.intact(), check.entries(), seconds,
                    check.entries() / seconds,
                    (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / 1024 / 1024);
        }
    }

    private AuditChainBenchmark() {
    }
}
