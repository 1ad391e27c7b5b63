package cn.titlecert.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

/**
 * Every read of personal data by staff leaves an entry (who, organisation, when, what, why, from where) with the
 * entity's id and never the data; the holder reading their own records leaves none.
 */
@SpringBootTest
@AutoConfigureMockMvc
class StaffAccessAuditTest {

    @Autowired MockMvc mvc;
    @Autowired JdbcTemplate jdbc;

    private int entries(String actor, String action, String entityId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM audit_log WHERE actor = ? AND action = ? AND "
                + "(entity_id = ? OR ? IS NULL) AND remote_addr IS NOT NULL AND organisation_id IS NOT NULL",
                Integer.class, actor, action, entityId, entityId);
    }

    @Test
    void certificateReadsAndDownloadsByStaffAreAudited() throws Exception {
        String list = mvc.perform(get("/api/certificates").with(httpBasic("holder", "demo")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        String number = JsonPath.parse(list).read("$[0].number", String.class);
        int holderBefore = jdbc.queryForObject("SELECT COUNT(*) FROM audit_log WHERE actor = 'holder'", Integer.class);
        mvc.perform(get("/api/certificates/" + number).with(httpBasic("holder", "demo"))).andExpect(status().isOk());
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_log WHERE actor = 'holder'", Integer.class))
                .as("a holder's own reads are not staff access").isEqualTo(holderBefore);

        int viewed = entries("employer", "CERTIFICATE_VIEWED", number);
        int downloaded = entries("employer", "CERTIFICATE_PDF_DOWNLOADED", number);
        int listed = entries("employer", "CERTIFICATES_LISTED", null);
        mvc.perform(get("/api/certificates/" + number).with(httpBasic("employer", "demo"))).andExpect(status().isOk());
        mvc.perform(get("/api/certificates/" + number + "/pdf").with(httpBasic("employer", "demo")))
                .andExpect(status().isOk());
        mvc.perform(get("/api/certificates").with(httpBasic("employer", "demo"))).andExpect(status().isOk());
        assertThat(entries("employer", "CERTIFICATE_VIEWED", number)).isEqualTo(viewed + 1);
        assertThat(entries("employer", "CERTIFICATE_PDF_DOWNLOADED", number)).isEqualTo(downloaded + 1);
        assertThat(entries("employer", "CERTIFICATES_LISTED", null)).isEqualTo(listed + 1);
        // A refused read leaves no access entry.
        mvc.perform(get("/api/certificates/" + number).with(httpBasic("exam", "demo"))).andExpect(status().isNotFound());
        assertThat(entries("exam", "CERTIFICATE_VIEWED", number)).isZero();
    }

    @Test
    void applicationReadsAndTheOutboxAreAudited() throws Exception {
        String list = mvc.perform(get("/api/applications").with(httpBasic("holder", "demo")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        String id = String.valueOf(JsonPath.parse(list).read("$[0].id", Long.class));
        int before = entries("employer", "APPLICATION_VIEWED", id);
        mvc.perform(get("/api/applications/" + id).with(httpBasic("employer", "demo"))).andExpect(status().isOk());
        assertThat(entries("employer", "APPLICATION_VIEWED", id)).isEqualTo(before + 1);
        String detail = jdbc.queryForObject("SELECT detail FROM audit_log WHERE actor = 'employer' AND "
                + "action = 'APPLICATION_VIEWED' AND entity_id = ? ORDER BY id DESC LIMIT 1", String.class, id);
        assertThat(detail).matches("person=\\d+");

        int outbox = entries("admin", "OUTBOX_READ", null);
        mvc.perform(get("/api/admin/outbox").with(httpBasic("admin", "demo"))).andExpect(status().isOk());
        assertThat(entries("admin", "OUTBOX_READ", null)).isEqualTo(outbox + 1);
    }

    @Test
    void theReasonOfAReadIsTheStatedPurposeOrTheFunctionUsed() throws Exception {
        String list = mvc.perform(get("/api/certificates").with(httpBasic("holder", "demo")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        String number = JsonPath.parse(list).read("$[0].number", String.class);
        String purpose = "入职资格复核 HR-2026-118";
        mvc.perform(get("/api/certificates/" + number).with(httpBasic("employer", "demo"))
                .header(AuditTrail.PURPOSE_HEADER, java.net.URLEncoder.encode(purpose,
                        java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20")))
                .andExpect(status().isOk());
        assertThat(lastReason("employer", "CERTIFICATE_VIEWED", number)).as("sent percent-encoded, as encodeURIComponent does")
                .isEqualTo(purpose);
        mvc.perform(get("/api/certificates/" + number).with(httpBasic("employer", "demo"))).andExpect(status().isOk());
        assertThat(lastReason("employer", "CERTIFICATE_VIEWED", number)).isEqualTo("via GET /api/certificates/" + number);
        // Raw UTF-8 in a header is refused by the firewall: a 400 in words, not a failure of ours.
        mvc.perform(get("/api/certificates/" + number).with(httpBasic("employer", "demo"))
                .header(AuditTrail.PURPOSE_HEADER, new String(purpose.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        java.nio.charset.StandardCharsets.ISO_8859_1)))
                .andExpect(status().isBadRequest());
    }

    private String lastReason(String actor, String action, String entityId) {
        return jdbc.queryForObject("SELECT reason FROM audit_log WHERE actor = ? AND action = ? AND entity_id = ? "
                + "ORDER BY id DESC LIMIT 1", String.class, actor, action, entityId);
    }
}
