package cn.titlecert.audit;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The operator's check of the audit chain, straight against the database and without the web application:
 * {@code java -jar titlecert.jar --titlecert.audit.verify} (with the same profile and database settings as the
 * application). Exit code 0: intact; 1: broken, with the first bad entry printed; 2: the check could not run.
 * It reads only: no migration, no engine, no web server.
 */
public final class AuditVerifyCommand {

    public static final String OPTION = "--titlecert.audit.verify";

    private static final String COLUMNS = "id, occurred_at, actor, organisation_id, action, entity_type, entity_id, "
            + "detail, reason, remote_addr, prev_hash, entry_hash";

    private AuditVerifyCommand() {
    }

    public static boolean requested(String... args) {
        return Arrays.asList(args).contains(OPTION);
    }

    /** Runs the check and answers the exit code. */
    public static int run(PrintStream out, String... args) {
        SpringApplicationBuilder builder = new SpringApplicationBuilder(Config.class)
                .web(WebApplicationType.NONE).bannerMode(Banner.Mode.OFF).logStartupInfo(false)
                .properties(Map.of("logging.level.root", "WARN", "spring.jmx.enabled", "false"));
        try (ConfigurableApplicationContext context = builder.run(args)) {
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            long started = System.nanoTime();
            AuditChain.Check check = check(jdbc);
            long millis = (System.nanoTime() - started) / 1_000_000;
            if (check.intact()) {
                out.printf("audit chain intact: %d entries checked in %d ms%n", check.entries(), millis);
                return 0;
            }
            out.printf("audit chain BROKEN at entry %s (%s); %d entries before it are intact%n",
                    check.firstBrokenEntryId(), check.problem(), check.entries());
            return 1;
        } catch (RuntimeException e) {
            out.println("audit chain could not be checked: " + NestedExceptionUtils.getMostSpecificCause(e).getMessage());
            return 2;
        }
    }

    static AuditChain.Check check(JdbcTemplate jdbc) {
        List<AuditChain.Head> heads = jdbc.query("SELECT last_entry_id, last_hash FROM audit_chain_head WHERE id = 1",
                (rs, n) -> new AuditChain.Head(rs.getObject(1) == null ? null : rs.getLong(1), rs.getString(2)));
        AuditChain.Head head = heads.isEmpty() ? null : heads.get(0);
        return AuditChain.walk(head, (afterId, upToId, limit) -> jdbc.query(
                "SELECT " + COLUMNS + " FROM audit_log WHERE id > ? AND id <= ? ORDER BY id LIMIT ?",
                (rs, n) -> new AuditEntry(rs.getLong("id"), rs.getTimestamp("occurred_at").toInstant(),
                        rs.getString("actor"), rs.getObject("organisation_id") == null ? null : rs.getLong("organisation_id"),
                        rs.getString("action"), rs.getString("entity_type"), rs.getString("entity_id"),
                        rs.getString("detail"), rs.getString("reason"), rs.getString("remote_addr"),
                        rs.getString("prev_hash"), rs.getString("entry_hash")),
                afterId, upToId, limit));
    }

    /** Only a data source: the check must not migrate, start the engine or open a port. */
    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class})
    static class Config {
    }
}
