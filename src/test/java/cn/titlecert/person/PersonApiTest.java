package cn.titlecert.person;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

import cn.titlecert.TestIdNumbers;
import cn.titlecert.organisation.OrganisationService;

/** Staff register and read holders within their scope; numbers go out masked and never into the log. */
@SpringBootTest
@AutoConfigureMockMvc
@ExtendWith(OutputCaptureExtension.class)
class PersonApiTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    OrganisationService organisations;

    @Autowired
    JdbcTemplate jdbc;

    private long org(String code) {
        return organisations.findByCode(code).orElseThrow().id();
    }

    private String body(String idNumber, String phone, long employerId) {
        return "{\"name\":\"孙丽\",\"idType\":\"RESIDENT_ID\",\"idNumber\":\"" + idNumber + "\",\"phone\":\"" + phone
                + "\",\"employerId\":" + employerId + "}";
    }

    @Test
    void anEmployerRegistersItsStaffAndSeesThemMasked(CapturedOutput output) throws Exception {
        String idNumber = TestIdNumbers.randomResidentId();
        String phone = TestIdNumbers.randomPhone();
        String created = mvc.perform(post("/api/persons").with(httpBasic("employer", "demo"))
                .contentType(MediaType.APPLICATION_JSON).content(body(idNumber, phone, org("TJ-EMP-BHDZ"))))
                .andExpect(status().isCreated()).andExpect(header().exists("Location"))
                .andExpect(jsonPath("$.idNumber").value(idNumber.substring(0, 4) + "**********" + idNumber.substring(14)))
                .andExpect(jsonPath("$.phone").value(phone.substring(0, 3) + "****" + phone.substring(7)))
                .andReturn().getResponse().getContentAsString();
        long id = JsonPath.parse(created).read("$.id", Long.class);

        mvc.perform(get("/api/persons/" + id).with(httpBasic("employer", "demo"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("孙丽"));
        mvc.perform(get("/api/persons/" + id).with(httpBasic("supervisor", "demo"))).andExpect(status().isOk());
        mvc.perform(get("/api/persons/" + id).with(httpBasic("bureau", "demo"))).andExpect(status().isOk());
        // Another branch of the tree, and a holder who is someone else, do not see this person at all.
        mvc.perform(get("/api/persons/" + id).with(httpBasic("exam", "demo"))).andExpect(status().isNotFound());
        mvc.perform(get("/api/persons/" + id).with(httpBasic("holder", "demo"))).andExpect(status().isNotFound());

        Integer audits = jdbc.queryForObject(
                "SELECT COUNT(*) FROM audit_log WHERE entity_type = 'person' AND entity_id = ? AND action = 'PERSON_VIEWED'",
                Integer.class, String.valueOf(id));
        assertThat(audits).as("staff views of personal data are audited").isEqualTo(3);

        assertThat(output.getAll()).doesNotContain(idNumber).doesNotContain(phone);
    }

    @Test
    void badIdNumbersAreRefusedWithAClearMessageAndNothingIsStored(CapturedOutput output) throws Exception {
        String wrong = TestIdNumbers.withWrongCheckDigit(TestIdNumbers.randomResidentId());
        Integer before = jdbc.queryForObject("SELECT COUNT(*) FROM person", Integer.class);
        mvc.perform(post("/api/persons").with(httpBasic("employer", "demo")).contentType(MediaType.APPLICATION_JSON)
                .content(body(wrong, TestIdNumbers.randomPhone(), org("TJ-EMP-BHDZ"))))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("id-number.check-digit"))
                .andExpect(jsonPath("$.message").value("身份证号码校验位不正确，请核对后重新输入。"));
        mvc.perform(post("/api/persons").with(httpBasic("employer", "demo")).header("Accept-Language", "en-US,en;q=0.9")
                .contentType(MediaType.APPLICATION_JSON).content(body("12345", TestIdNumbers.randomPhone(), org("TJ-EMP-BHDZ"))))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("id-number.length"))
                .andExpect(jsonPath("$.message").value("A resident ID number has 18 characters."));
        mvc.perform(post("/api/persons").with(httpBasic("employer", "demo")).contentType(MediaType.APPLICATION_JSON)
                .content(body(TestIdNumbers.randomResidentId(), "12345", org("TJ-EMP-BHDZ"))))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("phone.format"));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM person", Integer.class)).isEqualTo(before);
        assertThat(output.getAll()).doesNotContain(wrong);
    }

    @Test
    void duplicatesMalformedBodiesAndOutOfScopeEmployersAreRefused() throws Exception {
        String idNumber = TestIdNumbers.randomResidentId();
        mvc.perform(post("/api/persons").with(httpBasic("employer", "demo")).contentType(MediaType.APPLICATION_JSON)
                .content(body(idNumber, TestIdNumbers.randomPhone(), org("TJ-EMP-BHDZ")))).andExpect(status().isCreated());
        mvc.perform(post("/api/persons").with(httpBasic("employer", "demo")).contentType(MediaType.APPLICATION_JSON)
                .content(body(idNumber, TestIdNumbers.randomPhone(), org("TJ-EMP-BHDZ"))))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("person.exists"));
        mvc.perform(post("/api/persons").with(httpBasic("employer", "demo")).contentType(MediaType.APPLICATION_JSON)
                .content(body(TestIdNumbers.randomResidentId(), TestIdNumbers.randomPhone(), org("TJ-EMP-YZX"))))
                .andExpect(status().isNotFound()).andExpect(jsonPath("$.code").value("organisation.not-found"));
        mvc.perform(post("/api/persons").with(httpBasic("employer", "demo")).contentType(MediaType.APPLICATION_JSON)
                .content("{not json")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("unreadable-request"));
        mvc.perform(post("/api/persons").with(httpBasic("employer", "demo")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"idType\":\"RESIDENT_ID\"}")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("invalid-request")).andExpect(jsonPath("$.fields").isArray());
        mvc.perform(post("/api/persons").with(httpBasic("holder", "demo")).contentType(MediaType.APPLICATION_JSON)
                .content(body(TestIdNumbers.randomResidentId(), TestIdNumbers.randomPhone(), org("TJ-EMP-BHDZ"))))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.code").value("forbidden"));
    }

    @Test
    void listsOnlyPersonsInScope() throws Exception {
        mvc.perform(get("/api/persons").with(httpBasic("employer", "demo"))).andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.name == '张三')]").isNotEmpty())
                .andExpect(jsonPath("$[?(@.name == '赵敏')]").isEmpty())
                .andExpect(jsonPath("$[0].idNumber").value(org.hamcrest.Matchers.containsString("**********")));
        mvc.perform(get("/api/persons").with(httpBasic("holder", "demo"))).andExpect(status().isForbidden());
    }

    @Test
    void anIdNumberCanBeCheckedWithoutBeingStored() throws Exception {
        mvc.perform(post("/api/persons/id-number-checks").with(httpBasic("holder", "demo"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"idNumber\":\"11010519491231002X\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.valid").value(true))
                .andExpect(jsonPath("$.birthDate").value("1949-12-31")).andExpect(jsonPath("$.gender").value("F"))
                .andExpect(jsonPath("$.idNumber").value("1101**********002X"));
        mvc.perform(post("/api/persons/id-number-checks").with(httpBasic("holder", "demo"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"idNumber\":\"110105194912310021\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("id-number.check-digit"));
    }
}
