package cn.titlecert.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import cn.titlecert.TestData;
import cn.titlecert.organisation.OrganisationService;
import cn.titlecert.person.Person;
import cn.titlecert.person.PersonService;

/** The audit page and the credit archive page, in both languages, for those who may and those who may not. */
@SpringBootTest
@AutoConfigureMockMvc
class AuditAndCreditPagesTest {

    @Autowired MockMvc mvc;
    @Autowired TestData data;
    @Autowired OrganisationService organisations;
    @Autowired PersonService persons;
    @Autowired JdbcTemplate jdbc;

    private MockHttpSession login(String username) throws Exception {
        MockHttpSession session = new MockHttpSession();
        mvc.perform(post("/login").session(session).param("username", username).param("password", "demo").with(csrf()))
                .andExpect(redirectedUrl("/"));
        return session;
    }

    @Test
    void theBureauFiltersPagesExportsAndChecksTheTrail() throws Exception {
        MockHttpSession session = login("bureau");
        mvc.perform(get("/").session(session)).andExpect(content().string(containsString("href=\"/audit\"")))
                .andExpect(content().string(containsString("href=\"/credit-records\"")));
        mvc.perform(get("/audit").session(session)).andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"audit-table\"")))
                .andExpect(content().string(containsString("/api/audit/export?format=csv")));
        mvc.perform(get("/audit").param("verify", "true").param("action", "PERSON_VIEWED").session(session))
                .andExpect(status().isOk()).andExpect(content().string(containsString("哈希链完整：已校验")));
        mvc.perform(get("/audit").param("from", "2026-05-02").param("to", "2026-05-01").session(session))
                .andExpect(status().isOk()).andExpect(content().string(containsString("起始日期不能晚于截止日期。")));
        mvc.perform(get("/audit").param("lang", "en").param("actor", "nobody-at-all").session(session))
                .andExpect(content().string(containsString("No entries match.")));
        // The export link works with the session (a GET needs no CSRF token).
        mvc.perform(get("/api/audit/export").param("format", "csv").session(session)).andExpect(status().isOk());

        for (String user : new String[] {"employer", "holder", "committee"}) {
            MockHttpSession other = login(user);
            mvc.perform(get("/audit").session(other)).andExpect(status().isForbidden());
            mvc.perform(get("/").session(other)).andExpect(content().string(not(containsString("href=\"/audit\""))));
        }
        mvc.perform(get("/audit")).andExpect(status().is3xxRedirection());
    }

    @Test
    void staffRecordMisuseOnThePageAndHoldersSeeTheirOwn() throws Exception {
        Person person = data.person("周九", organisations.findByCode("TJ-EMP-BHDZ").orElseThrow());
        String idNumber = persons.idNumberOf(person.id()).value();
        MockHttpSession session = login("supervisor");
        mvc.perform(get("/credit-records").session(session)).andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"credit-form\"")))
                .andExpect(content().string(containsString("挂证")));

        int before = jdbc.queryForObject("SELECT COUNT(*) FROM credit_record", Integer.class);
        mvc.perform(multipart("/credit-records").session(session).with(csrf()).param("idNumber", idNumber)
                .param("kind", "FORGERY").param("facts", "伪造职称证书复印件用于投标。").param("decision", "CREDIT_RECORD")
                .param("decidedOn", "2026-11-02"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("记入诚信档案须填写记录期限")));
        mvc.perform(multipart("/credit-records").session(session).with(csrf()).param("idNumber", idNumber)
                .param("kind", "FORGERY").param("facts", "伪造职称证书复印件用于投标。").param("decision", "CREDIT_RECORD")
                .param("recordYears", "5").param("decidedOn", "2026-11-02"))
                .andExpect(status().isBadRequest()).andExpect(content().string(containsString("请上传证据文件或填写证据材料编号。")));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM credit_record", Integer.class)).isEqualTo(before);

        mvc.perform(multipart("/credit-records").file(new MockMultipartFile("evidence", "投标文件.pdf",
                "application/pdf", CreditArchiveApiTest.PDF)).session(session).with(csrf()).param("idNumber", idNumber)
                .param("kind", "FORGERY").param("facts", "伪造职称证书复印件用于投标。").param("decision", "CREDIT_RECORD")
                .param("recordYears", "5").param("decidedOn", "2026-11-02"))
                .andExpect(redirectedUrl("/credit-records")).andExpect(flash().attributeExists("message"));
        mvc.perform(post("/credit-records/search").session(session).with(csrf()).param("idNumber", idNumber))
                .andExpect(status().isOk()).andExpect(content().string(containsString("伪造职称证书复印件用于投标。")))
                .andExpect(content().string(containsString(idNumber.substring(0, 4) + "**********")))
                .andExpect(content().string(not(containsString(idNumber))));
        // Without the CSRF token nothing is recorded.
        mvc.perform(multipart("/credit-records").session(session).param("idNumber", idNumber))
                .andExpect(status().isForbidden());

        MockHttpSession holder = login("holder");
        mvc.perform(get("/credit-records").session(holder)).andExpect(status().isOk())
                .andExpect(content().string(containsString("以下是登记在您名下的诚信档案记录")))
                .andExpect(content().string(not(containsString("伪造职称证书复印件用于投标。"))))
                .andExpect(content().string(not(containsString("id=\"credit-form\""))));
        mvc.perform(get("/credit-records").session(login("employer"))).andExpect(status().isForbidden());
    }
}
