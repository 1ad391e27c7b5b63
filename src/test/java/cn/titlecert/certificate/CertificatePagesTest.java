package cn.titlecert.certificate;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

import cn.titlecert.application.AcquisitionPath;
import cn.titlecert.application.ReviewType;
import cn.titlecert.organisation.OrganisationService;
import cn.titlecert.security.UserAccountMapper;

/** R21: the holder's certificates page lists released certificates with a working PDF download; applications show where they wait. */
@SpringBootTest
@AutoConfigureMockMvc
class CertificatePagesTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    CertificateIssuer issuer;

    @Autowired
    UserAccountMapper accounts;

    @Autowired
    OrganisationService organisations;

    private MockHttpSession login(String username) throws Exception {
        MockHttpSession session = new MockHttpSession();
        mvc.perform(post("/login").session(session).param("username", username).param("password", "demo").with(csrf()))
                .andExpect(redirectedUrl("/"));
        return session;
    }

    @Test
    void theHolderSeesReleasedCertificatesAndDownloadsTheSignedPdf() throws Exception {
        long holder = accounts.findByUsername("holder").orElseThrow().personId();
        long bureau = organisations.findByCode("TJ-HRSS").orElseThrow().id();
        LocalDate later = LocalDate.now().plusMonths(2).withDayOfMonth(15);
        String unreleased = issuer.issue(new CertificateRequest("test:page:" + System.nanoTime(), null, holder,
                AcquisitionPath.SELF_APPOINTMENT, ReviewType.SELF, "工程技术", "电子信息", "高级工程师",
                TitleLevel.DEPUTY_SENIOR, LocalDate.of(2026, 10, 20), "天津滨海电子科技有限公司", null, null, null, null,
                null, null, bureau, later), "bureau").certificate().number();
        MockHttpSession session = login("holder");
        String page = mvc.perform(get("/certificates").session(session)).andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"certificate-table\"")))
                .andExpect(content().string(containsString("/api/certificates/")))
                .andExpect(content().string(containsString("id=\"pending-" + unreleased + "\"")))
                .andExpect(content().string(not(containsString("id=\"download-" + unreleased + "\""))))
                .andExpect(content().string(containsString("id=\"next-release\"")))
                .andReturn().getResponse().getContentAsString();
        String href = page.replaceAll("(?s).*href=\"(/api/certificates/[A-Z0-9]+/pdf)\".*", "$1");
        byte[] pdf = mvc.perform(get(href).session(session)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsByteArray();
        org.assertj.core.api.Assertions.assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1))
                .isEqualTo("%PDF-");
    }

    @Test
    void applicationsShowTheStepAndTheOrganisationWhoseTurnItIs() throws Exception {
        String title = "测试工程师" + System.nanoTime();
        mvc.perform(post("/api/applications").with(org.springframework.security.test.web.servlet.request
                .SecurityMockMvcRequestPostProcessors.httpBasic("holder", "demo"))
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .content("{\"path\":\"SELF_APPOINTMENT\",\"title\":{\"series\":\"工程技术\",\"specialty\":\"电子信息\","
                        + "\"name\":\"" + title + "\",\"level\":\"INTERMEDIATE\"},\"obtainedOn\":\"2026-10-20\"}"))
                .andExpect(status().isCreated());
        mvc.perform(get("/applications").session(login("holder"))).andExpect(status().isOk())
                .andExpect(content().string(containsString(title)))
                .andExpect(content().string(containsString("class=\"waiting\"")))
                .andExpect(content().string(containsString("· 天津滨海电子科技有限公司")));
    }
}
