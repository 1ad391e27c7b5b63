package cn.titlecert.organisation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.jayway.jsonpath.JsonPath;

import cn.titlecert.TestData;
import cn.titlecert.TestIdNumbers;
import cn.titlecert.error.DomainException;
import cn.titlecert.person.Person;
import cn.titlecert.security.AccountService;
import cn.titlecert.security.Role;

/**
 * Managing the organisation tree over the API: who may (administrators anywhere, a bureau below itself), who may not,
 * the placement rules and errors in both languages, a move that scope follows, retirement and reactivation.
 */
@SpringBootTest
@AutoConfigureMockMvc
class OrganisationManagementApiTest {

    private static final String PASSWORD = "pw-organisation-test";
    private static final String EN_EXISTS = "The organisation code %s already exists.";

    @Autowired MockMvc mvc;
    @Autowired ObjectMapper json;
    @Autowired OrganisationService organisations;
    @Autowired AccountService accounts;
    @Autowired TestData data;
    @Autowired JdbcTemplate jdbc;

    private static String code() {
        return "T-" + UUID.randomUUID().toString().substring(0, 10);
    }

    private long bureau() {
        return organisations.findByCode("TJ-HRSS").orElseThrow().id();
    }

    private Map<String, Object> form(String code, String type, Long parentId) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("code", code);
        f.put("name", "测试" + code);
        f.put("type", type);
        f.put("parentId", parentId);
        return f;
    }

    private MockHttpServletRequestBuilder withBody(MockHttpServletRequestBuilder request, Object body) throws Exception {
        return request.contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(body));
    }

    private ResultActions create(String user, Map<String, Object> form) throws Exception {
        return mvc.perform(withBody(post("/api/organisations"), form).with(httpBasic(user, password(user))));
    }

    private ResultActions update(String user, long id, Map<String, Object> form) throws Exception {
        return mvc.perform(withBody(put("/api/organisations/" + id), form).with(httpBasic(user, password(user))));
    }

    private ResultActions retire(String user, long id, String reason, String language) throws Exception {
        return mvc.perform(withBody(post("/api/organisations/" + id + "/retirement"), Map.of("reason", reason))
                .with(httpBasic(user, password(user))).header("Accept-Language", language));
    }

    private static String password(String user) {
        return user.startsWith("t") && user.length() > 12 ? PASSWORD : "demo";
    }

    private long created(String user, Map<String, Object> form) throws Exception {
        String body = create(user, form).andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return JsonPath.parse(body).read("$.id", Long.class);
    }

    private String account(Role role, long organisationId) {
        String username = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 14);
        accounts.create(username, "测试" + role, PASSWORD, Set.of(role), organisationId, null);
        return username;
    }

    @Test
    void anAdministratorCreatesAnywhereAndABureauOnlyBelowItself() throws Exception {
        long root = created("admin", form(code(), "BUREAU", null));
        mvc.perform(get("/api/organisations/" + root).with(httpBasic("admin", "demo"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.type").value("BUREAU")).andExpect(jsonPath("$.status").value("ACTIVE"))
                .andExpect(jsonPath("$.retired").value(false)).andExpect(jsonPath("$.parentId").doesNotExist());

        long department = created("bureau", form(code(), "SUPERVISORY_DEPARTMENT", bureau()));
        created("bureau", form(code(), "EMPLOYER", department));
        create("bureau", form(code(), "SUPERVISORY_DEPARTMENT", root)).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("organisation.parent-not-found"));
        create("bureau", form(code(), "BUREAU", null)).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("organisation.parent-required"));

        Map<String, Object> self = form("TJ-HRSS", "BUREAU", null);
        update("bureau", bureau(), self).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("organisation.own-not-manageable"));
        retire("bureau", bureau(), "测试", "zh-CN").andExpect(status().isForbidden());
        update("bureau", root, form(code(), "BUREAU", null)).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("organisation.not-found"));
        retire("bureau", root, "测试", "zh-CN").andExpect(status().isNotFound());
        assertThat(organisations.find(bureau()).orElseThrow().code()).isEqualTo("TJ-HRSS");
    }

    @ParameterizedTest
    @ValueSource(strings = {"employer", "supervisor", "committee", "exam", "holder", "operator"})
    void nobodyElseManagesOrganisations(String user) throws Exception {
        long own = JsonPath.parse(mvc.perform(get("/api/me").with(httpBasic(user, "demo"))).andReturn().getResponse()
                .getContentAsString()).read("$.organisationId", Long.class);
        String code = code();
        create(user, form(code, "EMPLOYER", own)).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("organisation.manage-forbidden"))
                .andExpect(jsonPath("$.message").value("只有系统管理员和人社部门可以管理单位。"));
        long target = created("bureau", form(code(), "SUPERVISORY_DEPARTMENT", bureau()));
        update(user, target, form(code(), "SUPERVISORY_DEPARTMENT", bureau())).andExpect(status().isForbidden());
        retire(user, target, "测试", "en").andExpect(status().isForbidden())
                .andExpect(jsonPath("$.message").value("Only administrators and HR bureaus manage organisations."));
        mvc.perform(get("/api/organisations/import/template").with(httpBasic(user, "demo")))
                .andExpect(status().isForbidden());
        assertThat(organisations.findByCode(code)).isEmpty();
    }

    @Test
    void refusalsSayWhyInTheCallersLanguageAndWriteNothing() throws Exception {
        long department = created("bureau", form(code(), "SUPERVISORY_DEPARTMENT", bureau()));
        String taken = code();
        created("bureau", form(taken, "EMPLOYER", department));
        mvc.perform(withBody(post("/api/organisations"), form(taken, "EMPLOYER", department))
                        .with(httpBasic("bureau", "demo")).header("Accept-Language", "en"))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("organisation.exists"))
                .andExpect(jsonPath("$.message").value(EN_EXISTS.formatted(taken)));
        create("bureau", form(taken, "EMPLOYER", department)).andExpect(status().isConflict())
                .andExpect(jsonPath("$.message").value("单位编码 " + taken + " 已存在。"));

        String code = code();
        create("bureau", form(code, "FACTORY", department)).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("organisation.type-unknown"))
                .andExpect(jsonPath("$.message").value("无法识别的单位类型“FACTORY”。"));
        long agency = created("bureau", form(code(), "EXAM_AGENCY", bureau()));
        create("bureau", form(code, "EMPLOYER", agency)).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("organisation.placement"))
                .andExpect(jsonPath("$.message").value("用人单位不能设在考试机构之下。"));
        mvc.perform(withBody(post("/api/organisations"), form(code, "EMPLOYER", agency))
                        .with(httpBasic("bureau", "demo")).header("Accept-Language", "en"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message").value("Employer cannot be placed under Exam agency."));
        create("admin", form(code, "EMPLOYER", null)).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("organisation.root-type"));
        create("bureau", form(code, "EMPLOYER", 987_654_321L)).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("organisation.parent-not-found"));
        create("bureau", form("  ", "EMPLOYER", department)).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("organisation.code-invalid"));

        Map<String, Object> committee = form(code, "COMMITTEE", department);
        create("bureau", committee).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("organisation.approval-number-required"));
        committee.put("approvalNumber", "津人社职备〔2026〕3号");
        committee.put("reviewSeries", List.of("占星术"));
        committee.put("reviewLevels", List.of("SENIOR"));
        create("bureau", committee).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("organisation.unknown-series"));
        committee.put("reviewSeries", List.of("工程技术"));
        committee.put("reviewLevels", List.of());
        create("bureau", committee).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("organisation.review-levels-required"));
        assertThat(organisations.findByCode(code)).as("nothing half-written").isEmpty();

        committee.put("reviewLevels", List.of("SENIOR", "DEPUTY_SENIOR"));
        long stored = created("bureau", committee);
        mvc.perform(get("/api/organisations/" + stored).with(httpBasic("bureau", "demo")))
                .andExpect(jsonPath("$.approvalNumber").value("津人社职备〔2026〕3号"))
                .andExpect(jsonPath("$.reviewSeries[0]").value("工程技术"))
                .andExpect(jsonPath("$.reviewLevels.length()").value(2));
        create("bureau", form(code(), "EMPLOYER", stored)).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message").value("用人单位不能设在评审委员会之下。"));
    }

    @Test
    void aMovedEmployerTakesItsDataAlongAndTheOldDepartmentLosesIt() throws Exception {
        long oldDepartment = created("bureau", form(code(), "SUPERVISORY_DEPARTMENT", bureau()));
        long newDepartment = created("bureau", form(code(), "SUPERVISORY_DEPARTMENT", bureau()));
        Map<String, Object> employerForm = form(code(), "EMPLOYER", oldDepartment);
        long employer = created("bureau", employerForm);
        long committee = created("bureau", Map.of("code", code(), "name", "测试自主评审委员会", "type", "COMMITTEE",
                "parentId", employer, "approvalNumber", "备1", "reviewSeries", List.of("工程技术"),
                "reviewLevels", List.of("INTERMEDIATE")));
        Person person = data.person("钱七", organisations.find(employer).orElseThrow());
        String oldStaff = account(Role.SUPERVISOR, oldDepartment);
        String newStaff = account(Role.SUPERVISOR, newDepartment);
        String employerStaff = account(Role.EMPLOYER, employer);
        MockHttpSession employerSession = new MockHttpSession();
        mvc.perform(post("/login").session(employerSession).param("username", employerStaff)
                .param("password", PASSWORD).with(csrf())).andExpect(redirectedUrl("/"));
        MockHttpSession oldSession = new MockHttpSession();
        mvc.perform(post("/login").session(oldSession).param("username", oldStaff)
                .param("password", PASSWORD).with(csrf())).andExpect(redirectedUrl("/"));

        mvc.perform(get("/api/persons/" + person.id()).with(httpBasic(oldStaff, PASSWORD))).andExpect(status().isOk());
        mvc.perform(get("/api/persons/" + person.id()).with(httpBasic(newStaff, PASSWORD)))
                .andExpect(status().isNotFound());

        update("bureau", oldDepartment, form(code(), "SUPERVISORY_DEPARTMENT", employer))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("organisation.move-below-itself"));
        update("bureau", employer, form((String) employerForm.get("code"), "EMPLOYER", committee))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("organisation.move-below-itself"));
        update("bureau", employer, form((String) employerForm.get("code"), "EMPLOYER", newDepartment))
                .andExpect(status().isOk()).andExpect(jsonPath("$.parentId").value(newDepartment));

        Organisation moved = organisations.find(employer).orElseThrow();
        Organisation target = organisations.find(newDepartment).orElseThrow();
        assertThat(moved.treePath()).isEqualTo(target.treePath() + employer + "/");
        assertThat(organisations.find(committee).orElseThrow().treePath())
                .as("the descendants follow in the same move").isEqualTo(moved.treePath() + committee + "/");

        mvc.perform(get("/api/persons/" + person.id()).with(httpBasic(oldStaff, PASSWORD)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/persons/" + person.id()).session(oldSession)).andExpect(status().isNotFound());
        mvc.perform(get("/api/organisations/" + committee).with(httpBasic(oldStaff, PASSWORD)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/persons/" + person.id()).with(httpBasic(newStaff, PASSWORD))).andExpect(status().isOk());
        mvc.perform(get("/api/persons/" + person.id()).with(httpBasic(employerStaff, PASSWORD)))
                .andExpect(status().isOk());
        // Signed in before the move: the session's scope follows too.
        mvc.perform(get("/api/persons/" + person.id()).session(employerSession)).andExpect(status().isOk());
        mvc.perform(get("/api/organisations").session(employerSession)).andExpect(status().isOk())
                .andExpect(jsonPath("$[*].id", hasItem((int) committee)));

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_log WHERE action = 'ORGANISATION_MOVED' "
                + "AND entity_id = ? AND actor = 'bureau'", Long.class, String.valueOf(employer))).isEqualTo(1);
    }

    @Test
    void aRetiredOrganisationKeepsItsHistoryTakesNothingNewAndCanBeReactivated() throws Exception {
        long department = created("bureau", form(code(), "SUPERVISORY_DEPARTMENT", bureau()));
        long employer = created("bureau", form(code(), "EMPLOYER", department));
        String staff = account(Role.EMPLOYER, employer);
        String application = "{\"path\":\"SELF_APPOINTMENT\",\"person\":{\"name\":\"孙八\",\"idType\":\"RESIDENT_ID\","
                + "\"idNumber\":\"%s\"},\"title\":{\"series\":\"工程技术\",\"specialty\":\"电子信息\",\"name\":\"工程师\","
                + "\"level\":\"INTERMEDIATE\"},\"obtainedOn\":\"2026-09-01\",\"employerId\":" + employer + "}";
        String answer = mvc.perform(post("/api/applications").with(httpBasic(staff, PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(application.formatted(TestIdNumbers.randomResidentId())))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        long applicationId = JsonPath.parse(answer).read("$.id", Long.class);

        retire("bureau", department, "机构改革", "zh-CN").andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("organisation.has-active-children"))
                .andExpect(jsonPath("$.message").value("该单位还有 1 个未撤销的下属单位，请先移走或撤销它们。"));
        retire("bureau", employer, " ", "en").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message").value("Please give the reason."));
        retire("bureau", employer, "单位注销", "zh-CN").andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("RETIRED")).andExpect(jsonPath("$.retired").value(true))
                .andExpect(jsonPath("$.retiredReason").value("单位注销"));
        retire("bureau", employer, "再次", "zh-CN").andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("organisation.already-retired"));

        mvc.perform(get("/api/applications/" + applicationId).with(httpBasic(staff, PASSWORD)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.employerId").value(employer));
        mvc.perform(get("/api/organisations/" + employer).with(httpBasic("bureau", "demo")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("RETIRED"));
        mvc.perform(get("/api/organisations").param("status", "ACTIVE").with(httpBasic("bureau", "demo")))
                .andExpect(jsonPath("$[*].id", not(hasItem((int) employer))));
        mvc.perform(post("/api/applications").with(httpBasic(staff, PASSWORD)).contentType(MediaType.APPLICATION_JSON)
                        .content(application.formatted(TestIdNumbers.randomResidentId())))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("organisation.retired"));
        assertThatThrownBy(() -> account(Role.EMPLOYER, employer)).isInstanceOf(DomainException.class)
                .hasMessage("organisation.retired");
        create("bureau", Map.of("code", code(), "name", "测试评委会", "type", "COMMITTEE", "parentId", employer,
                "approvalNumber", "备2", "reviewSeries", List.of("工程技术"), "reviewLevels", List.of("JUNIOR")))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("organisation.parent-retired"));

        retire("bureau", department, "机构改革", "zh-CN").andExpect(status().isOk());
        mvc.perform(delete("/api/organisations/" + employer + "/retirement").with(httpBasic("bureau", "demo")))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("organisation.parent-retired"));
        mvc.perform(delete("/api/organisations/" + department + "/retirement").param("reason", "恢复设立")
                .with(httpBasic("bureau", "demo"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("ACTIVE")).andExpect(jsonPath("$.retiredReason").doesNotExist());
        mvc.perform(delete("/api/organisations/" + employer + "/retirement").with(httpBasic("employer", "demo")))
                .andExpect(status().isForbidden());
        mvc.perform(delete("/api/organisations/" + employer + "/retirement").with(httpBasic("bureau", "demo")))
                .andExpect(status().isOk());
        mvc.perform(delete("/api/organisations/" + employer + "/retirement").with(httpBasic("bureau", "demo")))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("organisation.not-retired"));
        mvc.perform(post("/api/applications").with(httpBasic(staff, PASSWORD)).contentType(MediaType.APPLICATION_JSON)
                .content(application.formatted(TestIdNumbers.randomResidentId()))).andExpect(status().isCreated());
        assertThat(jdbc.queryForList("SELECT action FROM audit_log WHERE entity_type = 'organisation' AND entity_id = ? "
                + "ORDER BY id", String.class, String.valueOf(employer)))
                .containsExactly("ORGANISATION_CREATED", "ORGANISATION_RETIRED", "ORGANISATION_REACTIVATED");
    }

    @Test
    void theApiDocumentDescribesTheNewCalls() throws Exception {
        mvc.perform(get("/v3/api-docs")).andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/organisations'].post").exists())
                .andExpect(jsonPath("$.paths['/api/organisations/{id}'].put").exists())
                .andExpect(jsonPath("$.paths['/api/organisations/{id}/retirement'].post").exists())
                .andExpect(jsonPath("$.paths['/api/organisations/{id}/retirement'].delete").exists())
                .andExpect(jsonPath("$.paths['/api/organisations/import'].post").exists())
                .andExpect(jsonPath("$.paths['/api/organisations/import/template'].get").exists());
    }
}
