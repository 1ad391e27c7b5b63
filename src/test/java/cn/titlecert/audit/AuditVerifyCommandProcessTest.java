package cn.titlecert.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * The operator's command as an operator runs it: a separate JVM started with {@code --titlecert.audit.verify}
 * against a database file, no web application. Its exit code is the verdict.
 */
class AuditVerifyCommandProcessTest {

    record Outcome(int exitCode, String output) {
    }

    @Test
    void exitsZeroWhenIntactOneWhenTamperedTwoWhenItCannotCheck() throws Exception {
        Path dir = Path.of("target", "audit-command", UUID.randomUUID().toString()).toAbsolutePath();
        Files.createDirectories(dir);
        String url = "jdbc:h2:file:" + dir.resolve("db");
        Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration")
                .table("titlecert_schema_history")
                .placeholders(Map.of("blob", "BLOB", "datetime", "TIMESTAMP(3)", "table_options", "")).load().migrate();
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            for (int i = 1; i <= 3; i++) {
                append(c, "entry " + i);
            }
        }

        Outcome intact = run("--spring.datasource.url=" + url);
        assertThat(intact.exitCode()).as(intact.output()).isZero();
        assertThat(intact.output()).contains("audit chain intact: 3 entries checked");

        long second;
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT id FROM audit_log ORDER BY id LIMIT 1 OFFSET 1")) {
                rs.next();
                second = rs.getLong(1);
            }
            s.executeUpdate("UPDATE audit_log SET detail = 'changed' WHERE id = " + second);
        }
        Outcome broken = run("--spring.datasource.url=" + url);
        assertThat(broken.exitCode()).as(broken.output()).isEqualTo(1);
        assertThat(broken.output()).contains("audit chain BROKEN at entry " + second + " (CONTENT_CHANGED)");

        Outcome missing = run("--spring.datasource.url=jdbc:h2:file:" + dir.resolve("nothing") + ";IFEXISTS=TRUE");
        assertThat(missing.exitCode()).as(missing.output()).isEqualTo(2);
        assertThat(missing.output()).contains("audit chain could not be checked");
    }

    /** Appends the way AuditTrail does: the previous hash from the head row, the new hash into it. */
    private static void append(Connection c, String detail) throws Exception {
        String prev;
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT last_hash FROM audit_chain_head WHERE id = 1")) {
            rs.next();
            prev = rs.getString(1);
        }
        AuditEntry unsigned = new AuditEntry(null, Instant.now().truncatedTo(ChronoUnit.SECONDS), "operator-test", null,
                "TEST", "x", "1", detail, null, null, prev, null);
        String hash = AuditChain.hash(unsigned);
        long id;
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO audit_log (occurred_at, actor, action, "
                + "entity_type, entity_id, detail, prev_hash, entry_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            insert.setTimestamp(1, Timestamp.from(unsigned.occurredAt()));
            insert.setString(2, unsigned.actor());
            insert.setString(3, unsigned.action());
            insert.setString(4, unsigned.entityType());
            insert.setString(5, unsigned.entityId());
            insert.setString(6, detail);
            insert.setString(7, prev);
            insert.setString(8, hash);
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
            }
        }
        try (PreparedStatement head = c.prepareStatement(
                "UPDATE audit_chain_head SET last_entry_id = ?, last_hash = ? WHERE id = 1")) {
            head.setLong(1, id);
            head.setString(2, hash);
            head.executeUpdate();
        }
    }

    private static Outcome run(String... args) throws Exception {
        Path log = Files.createTempFile("audit-verify", ".log");
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), "cn.titlecert.TitlecertApplication",
                AuditVerifyCommand.OPTION, "--spring.datasource.username=sa", "--spring.datasource.password="));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .directory(new File(".").getAbsoluteFile()).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the command ends by itself").isTrue();
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.deleteIfExists(log);
        return new Outcome(process.exitValue(), output);
    }
}
