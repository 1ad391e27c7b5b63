package cn.titlecert.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

import cn.titlecert.certificate.CertificateMapper;
import cn.titlecert.certificate.CertificateStatus;
import cn.titlecert.security.UserAccountMapper;
import cn.titlecert.verification.IssuedCertificates;

/** The lifecycle pages as the demo accounts use them: ask for a correction, decide on it, revoke and reinstate. */
@SpringBootTest
@AutoConfigureMockMvc
class LifecyclePagesTest {

    @Autowired MockMvc mvc;
    @Autowired IssuedCertificates issued;
    @Autowired UserAccountMapper accounts;
    @Autowired CertificateMapper certificates;
    @Autowired ManagementService management;
    @Autowired JdbcTemplate jdbc;

    private MockHttpSession login(String username) throws Exception {
        MockHttpSession session = new MockHttpSession();
        mvc.perform(post("/login").session(session).param("username", username).param("password", "demo").with(csrf()))
                .andExpect(status().is3xxRedirection());
        return session;
    }

    private String page(MockHttpSession session, String url) throws Exception {
        return mvc.perform(get(url).session(session)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
    }

    @Test
    void theHolderAsksOnTheFormTheUnitAndTheBureauDecideOnTheirPages() throws Exception {
        String number = issued.issue(accounts.findByUsername("holder").orElseThrow().personId()).certificate().number();
        MockHttpSession holder = login("holder");
        assertThat(page(holder, "/certificates")).contains("correct-" + number).doesNotContain("revoke-" + number);
        assertThat(page(holder, "/certificates/" + number + "/correction")).contains("correction-form", "资格名称");

        String refused = mvc.perform(multipart("/certificates/{n}/correction", number).session(holder).with(csrf())
                .param("kind", "CORRECTION").param("reason", "专业有误")).andExpect(status().is3xxRedirection())
                .andReturn().getResponse().getRedirectedUrl();
        assertThat(refused).endsWith("/certificates/" + number + "/correction");
        String location = mvc.perform(multipart("/certificates/{n}/correction", number).session(holder).with(csrf())
                .param("kind", "CORRECTION").param("reason", "专业有误").param("change.titleSpecialty", "微电子"))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        assertThat(location).matches(".*/corrections/\\d+");
        String detail = page(holder, location);
        assertThat(detail).contains("微电子", "批准单位审核中").doesNotContain("correction-decision-form");

        MockHttpSession supervisor = login("supervisor");
        assertThat(page(supervisor, "/corrections")).contains(number);
        String id = location.substring(location.lastIndexOf('/') + 1);
        assertThat(page(supervisor, "/tasks")).as("waiting in the supervisory department's to-do list")
                .contains("data-correction-id=\"" + id + "\"");
        assertThat(page(login("bureau"), "/tasks")).as("not yet the bureau's turn")
                .doesNotContain("data-correction-id=\"" + id + "\"");
        mvc.perform(get("/api/corrections").param("waiting", "true").session(supervisor))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath(
                        "$[?(@.id == " + id + ")]").exists());
        assertThat(page(supervisor, location)).contains("correction-decision-form");
        mvc.perform(post(location + "/decision").session(supervisor).with(csrf()).param("decision", "APPROVE"))
                .andExpect(status().is3xxRedirection());
        MockHttpSession bureau = login("bureau");
        assertThat(page(bureau, location)).contains("发证机关审批中", "correction-decision-form", "decision-return");
        assertThat(page(bureau, "/tasks")).contains("data-correction-id=\"" + id + "\"");
        assertThat(page(supervisor, "/tasks")).doesNotContain("data-correction-id=\"" + id + "\"");
        mvc.perform(post(location + "/decision").session(bureau).with(csrf()).param("decision", "APPROVE"))
                .andExpect(status().is3xxRedirection());
        String instance = jdbc.queryForObject("SELECT process_instance_id FROM certificate_correction WHERE id = ?",
                String.class, Long.valueOf(id));
        management.executeJob(management.createJobQuery().processInstanceId(instance).singleResult().getId());
        assertThat(page(holder, location)).contains("已制发新证书", "correction-new-certificate");
    }

    @Test
    void theBureauRevokesAndReinstatesOnItsPageAndOthersCannotOpenIt() throws Exception {
        String number = issued.issue(accounts.findByUsername("holder").orElseThrow().personId()).certificate().number();
        MockHttpSession bureau = login("bureau");
        assertThat(page(bureau, "/certificates")).contains("revoke-" + number);
        assertThat(page(bureau, "/certificates/" + number + "/revocation")).contains("revocation-form", "弄虚作假取得");
        mvc.perform(get("/certificates/{n}/revocation", number).session(login("employer"))).andExpect(status().isForbidden());

        mvc.perform(post("/certificates/{n}/revocation", number).session(bureau).with(csrf()).param("reason", "FRAUD")
                .param("remark", "")).andExpect(status().is3xxRedirection());
        assertThat(certificates.findByNumber(number).orElseThrow().status()).isEqualTo(CertificateStatus.VALID);
        mvc.perform(post("/certificates/{n}/revocation", number).session(bureau).with(csrf()).param("reason", "DUPLICATE")
                .param("remark", "与 C2026 重复")).andExpect(status().is3xxRedirection());
        assertThat(certificates.findByNumber(number).orElseThrow().status()).isEqualTo(CertificateStatus.REVOKED);
        assertThat(page(bureau, "/certificates/" + number + "/revocation")).contains("reinstatement-form", "已作废");
        mvc.perform(post("/certificates/{n}/reinstatement", number).session(bureau).with(csrf())
                .param("reason", "重复判断有误")).andExpect(status().is3xxRedirection());
        assertThat(certificates.findByNumber(number).orElseThrow().status()).isEqualTo(CertificateStatus.VALID);
    }
}
