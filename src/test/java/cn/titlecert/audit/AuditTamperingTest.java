package cn.titlecert.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Someone with database access edits or removes audit rows with plain SQL (committed, as an intruder would):
 * {@code GET /api/audit/verification} and the operator's command both say the chain is broken and where. Every
 * test puts the rows back afterwards, so the shared test database stays intact.
 */
@SpringBootTest
@AutoConfigureMockMvc
class AuditTamperingTest {

    private static final String COLUMNS = "id, occurred_at, actor, organisation_id, action, entity_type, entity_id, "
            + "detail, reason, remote_addr, prev_hash, entry_hash";

    @Autowired MockMvc mvc;
    @Autowired AuditTrail audit;
    @Autowired TransactionTemplate transactions;
    @Autowired JdbcTemplate jdbc;

    private final List<Runnable> repairs = new ArrayList<>();
    private List<AuditEntry> entries;

    @BeforeEach
    void threeEntries() throws Exception {
        entries = transactions.execute(s -> List.of(
                audit.append("tamper-test", null, "A", "x", 1, "eins", null),
                audit.append("tamper-test", null, "B", "x", 2, "zwei", null),
                audit.append("tamper-test", null, "C", "x", 3, "drei", null)));
        mvc.perform(get("/api/audit/verification").with(httpBasic("admin", "demo"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.intact").value(true));
        assertThat(command()).startsWith("0 audit chain intact");
    }

    @AfterEach
    void repair() throws Exception {
        repairs.forEach(Runnable::run);
        mvc.perform(get("/api/audit/verification").with(httpBasic("admin", "demo")))
                .andExpect(jsonPath("$.intact").value(true));
        assertThat(command()).startsWith("0 ");
    }

    @Test
    void anEditedDetailIsFound() throws Exception {
        long id = idOf(entries.get(1));
        write("UPDATE audit_log SET detail = ? WHERE id = ?", "zwei (geändert)", id);
        repairs.add(() -> write("UPDATE audit_log SET detail = ? WHERE id = ?", "zwei", id));

        mvc.perform(get("/api/audit/verification").with(httpBasic("bureau", "demo"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.intact").value(false))
                .andExpect(jsonPath("$.firstBrokenEntryId").value(id))
                .andExpect(jsonPath("$.problem").value("CONTENT_CHANGED"));
        assertThat(command()).startsWith("1 audit chain BROKEN at entry " + id + " (CONTENT_CHANGED)");
    }

    @Test
    void anEntryRemovedFromTheMiddleIsFound() throws Exception {
        long removed = idOf(entries.get(1));
        long next = idOf(entries.get(2));
        delete(removed);

        mvc.perform(get("/api/audit/verification").with(httpBasic("admin", "demo")))
                .andExpect(jsonPath("$.intact").value(false))
                .andExpect(jsonPath("$.firstBrokenEntryId").value(next))
                .andExpect(jsonPath("$.problem").value("LINK_BROKEN"));
        assertThat(command()).startsWith("1 audit chain BROKEN at entry " + next + " (LINK_BROKEN)");
    }

    @Test
    void removingTheNewestEntryIsFoundThroughTheHead() throws Exception {
        long last = idOf(entries.get(2));
        delete(last);

        mvc.perform(get("/api/audit/verification").with(httpBasic("admin", "demo")))
                .andExpect(jsonPath("$.intact").value(false))
                .andExpect(jsonPath("$.firstBrokenEntryId").value(last))
                .andExpect(jsonPath("$.problem").value("HEAD_MISMATCH"));
        assertThat(command()).startsWith("1 audit chain BROKEN at entry " + last + " (HEAD_MISMATCH)");
    }

    /** The exit code, a space, and what the command printed. */
    static String command() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = AuditVerifyCommand.run(new PrintStream(out, true, StandardCharsets.UTF_8), AuditVerifyCommand.OPTION);
        return code + " " + out.toString(StandardCharsets.UTF_8);
    }

    private long idOf(AuditEntry entry) {
        return jdbc.queryForObject("SELECT id FROM audit_log WHERE entry_hash = ?", Long.class, entry.entryHash());
    }

    private void delete(long id) {
        Map<String, Object> row = jdbc.queryForMap("SELECT " + COLUMNS + " FROM audit_log WHERE id = ?", id);
        write("DELETE FROM audit_log WHERE id = ?", id);
        repairs.add(() -> write("INSERT INTO audit_log (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                row.get("id"), row.get("occurred_at"), row.get("actor"), row.get("organisation_id"), row.get("action"),
                row.get("entity_type"), row.get("entity_id"), row.get("detail"), row.get("reason"),
                row.get("remote_addr"), row.get("prev_hash"), row.get("entry_hash")));
    }

    /** In a transaction of its own: on MySQL the pool's connections do not auto-commit. */
    private void write(String sql, Object... args) {
        transactions.executeWithoutResult(status -> jdbc.update(sql, args));
    }
}
