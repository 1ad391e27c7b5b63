package cn.titlecert.application;

import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import com.jayway.jsonpath.JsonPath;

import cn.titlecert.TestIdNumbers;
import cn.titlecert.organisation.OrganisationService;

/** One case per path driven through every tier over the HTTP API, as the demo staff accounts would. */
@SpringBootTest
@AutoConfigureMockMvc
class ApplicationApiTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    OrganisationService organisations;

    private long org(String code) {
        return organisations.findByCode(code).orElseThrow().id();
    }

    private static String person(String name) {
        return "{\"name\":\"" + name + "\",\"idType\":\"RESIDENT_ID\",\"idNumber\":\"" + TestIdNumbers.randomResidentId()
                + "\",\"phone\":\"" + TestIdNumbers.randomPhone() + "\"}";
    }

    private static String title(String name, String level) {
        return "{\"series\":\"工程技术\",\"specialty\":\"电子信息\",\"name\":\"" + name + "\",\"level\":\"" + level + "\"}";
    }

    private long submit(String user, String body) throws Exception {
        String response = mvc.perform(post("/api/applications").with(httpBasic(user, "demo"))
                .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.id").isNumber())
                .andExpect(jsonPath("$.processInstanceId").isString())
                .andReturn().getResponse().getContentAsString();
        return JsonPath.parse(response).read("$.id", Long.class);
    }

    private ResultActions get(String user, long id) throws Exception {
        return mvc.perform(MockMvcRequestBuildersGet.of("/api/applications/" + id).with(httpBasic(user, "demo")));
    }

    private String taskOf(String user, long id) throws Exception {
        String json = mvc.perform(MockMvcRequestBuildersGet.of("/api/tasks").with(httpBasic(user, "demo"))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        java.util.List<String> ids = JsonPath.parse(json).read("$[?(@.applicationId == " + id + ")].id");
        org.assertj.core.api.Assertions.assertThat(ids).as(user + " has a task for application " + id).hasSize(1);
        return ids.get(0);
    }

    private ResultActions complete(String user, String taskId, String decision, String reason) throws Exception {
        String body = "{\"decision\":\"" + decision + "\"" + (reason == null ? "" : ",\"decisionReason\":\"" + reason + "\"") + "}";
        return mvc.perform(post("/api/tasks/" + taskId + "/complete").with(httpBasic(user, "demo"))
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    @Test
    void selfAppointmentByTheHolderThroughEmployerAndSupervisor() throws Exception {
        long id = submit("holder", "{\"path\":\"SELF_APPOINTMENT\",\"title\":" + title("API职称" + System.nanoTime(),
                "INTERMEDIATE") + ",\"obtainedOn\":\"2026-10-20\"}");
        get("holder", id).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("IN_REVIEW"))
                .andExpect(jsonPath("$.person.name").value("张三"))
                .andExpect(jsonPath("$.person.idNumber").value("1201**********0014"))
                .andExpect(jsonPath("$.waitingFor.step").value("Task_ReviewByEmployer"))
                .andExpect(jsonPath("$.waitingFor.name").value("用人单位审核"))
                .andExpect(jsonPath("$.waitingFor.organisationId").value(org("TJ-EMP-BHDZ")));

        complete("employer", taskOf("employer", id), "RETURN", null).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("decision.reason-required"));
        complete("employer", taskOf("employer", id), "RETURN", "请补充聘任文件").andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("RETURNED"));
        get("holder", id).andExpect(jsonPath("$.decisions[0].reason").value("请补充聘任文件"))
                .andExpect(jsonPath("$.decisions[0].decision").value("RETURN"))
                .andExpect(jsonPath("$.waitingFor.step").value("Task_ReviseApplication"));
        mvc.perform(put("/api/applications/" + id).with(httpBasic("holder", "demo")).contentType(MediaType.APPLICATION_JSON)
                .content("{}")).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("IN_REVIEW"));

        complete("employer", taskOf("employer", id), "APPROVE", null).andExpect(status().isOk());
        get("employer", id).andExpect(jsonPath("$.waitingFor.step").value("Task_ReviewBySupervisor"));
        complete("supervisor", taskOf("supervisor", id), "APPROVE", null).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("APPROVED"))
                .andExpect(jsonPath("$.issuanceMonth").value(org.hamcrest.Matchers.matchesPattern("\\d{4}-\\d{2}")));
        get("holder", id).andExpect(jsonPath("$.decisions.length()").value(3))
                .andExpect(jsonPath("$.waitingFor.step").value("MONTHLY_ISSUANCE"));
    }

    @Test
    void commissionedReviewThroughEmployerAndSupervisor() throws Exception {
        long id = submit("employer", "{\"path\":\"COMMISSIONED_REVIEW\",\"person\":" + person("委托人") + ",\"title\":"
                + title("高级工程师", "DEPUTY_SENIOR") + ",\"obtainedOn\":\"2026-10-01\",\"employerId\":" + org("TJ-EMP-BHDZ")
                + ",\"reviewBodyName\":\"工业和信息化部电子信息高级评委会\"}");
        complete("employer", taskOf("employer", id), "APPROVE", null).andExpect(status().isOk());
        complete("supervisor", taskOf("supervisor", id), "APPROVE", null).andExpect(jsonPath("$.status").value("APPROVED"))
                .andExpect(jsonPath("$.reviewBodyName").value("工业和信息化部电子信息高级评委会"));
    }

    @Test
    void examInLieuVerifiedByTheExamAgency() throws Exception {
        long id = submit("exam", "{\"path\":\"EXAM_IN_LIEU\",\"person\":" + person("考生") + ",\"title\":"
                + title("工程师", "INTERMEDIATE") + ",\"obtainedOn\":\"2026-09-20\",\"employerId\":" + org("TJ-EMP-HBJX") + "}");
        get("exam", id).andExpect(jsonPath("$.reviewType").value("EXAM_IN_LIEU"));
        complete("exam", taskOf("exam", id), "APPROVE", null).andExpect(jsonPath("$.status").value("APPROVED"));
    }

    @Test
    void socialAndSelfReviewResultsUploadedByTheCommittee() throws Exception {
        String today = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
        for (String path : new String[] {"SOCIAL_REVIEW", "SELF_REVIEW"}) {
            long id = submit("committee", "{\"path\":\"" + path + "\",\"person\":" + person("评审人") + ",\"title\":"
                    + title("高级工程师", "DEPUTY_SENIOR") + ",\"obtainedOn\":\"" + today + "\",\"employerId\":"
                    + org("TJ-EMP-BHDZ") + ",\"reviewBodyId\":" + org("TJ-CMT-DZXX") + ",\"resultsFiledOn\":\"" + today + "\"}");
            get("committee", id).andExpect(jsonPath("$.status").value("APPROVED"))
                    .andExpect(jsonPath("$.uploadedLate").value(false))
                    .andExpect(jsonPath("$.uploadDeadline").isString());
            get("bureau", id).andExpect(status().isOk());
            get("employer", id).andExpect(status().isOk());
            get("exam", id).andExpect(status().isNotFound());
        }
    }

    @Test
    void whoMaySubmitWhatIsEnforced() throws Exception {
        String social = "{\"path\":\"SOCIAL_REVIEW\",\"person\":" + person("某人") + ",\"title\":" + title("工程师", "INTERMEDIATE")
                + ",\"obtainedOn\":\"2026-09-01\",\"reviewBodyId\":" + org("TJ-CMT-DZXX") + ",\"resultsFiledOn\":\"2026-09-01\"}";
        mvc.perform(post("/api/applications").with(httpBasic("holder", "demo")).contentType(MediaType.APPLICATION_JSON)
                .content(social)).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("application.path-not-allowed"));
        mvc.perform(post("/api/applications").with(httpBasic("employer", "demo")).contentType(MediaType.APPLICATION_JSON)
                .content(social)).andExpect(status().isForbidden());
        // A holder applies only for themselves.
        mvc.perform(post("/api/applications").with(httpBasic("holder", "demo")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"path\":\"SELF_APPOINTMENT\",\"person\":" + person("别人") + ",\"title\":" + title("工程师", "INTERMEDIATE")
                        + ",\"obtainedOn\":\"2026-09-01\"}"))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.code").value("application.other-person"));
        // An employer submits only for its own organisation.
        mvc.perform(post("/api/applications").with(httpBasic("employer", "demo")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"path\":\"SELF_APPOINTMENT\",\"person\":" + person("外单位") + ",\"title\":" + title("工程师", "INTERMEDIATE")
                        + ",\"obtainedOn\":\"2026-09-01\",\"employerId\":" + org("TJ-EMP-YZX") + "}"))
                .andExpect(status().isNotFound());
        // Bad ID numbers, bad dates, missing data and malformed bodies: clear errors, nothing stored.
        mvc.perform(post("/api/applications").with(httpBasic("employer", "demo")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"path\":\"SELF_APPOINTMENT\",\"person\":{\"name\":\"甲\",\"idNumber\":\""
                        + TestIdNumbers.withWrongCheckDigit(TestIdNumbers.randomResidentId()) + "\"},\"title\":"
                        + title("工程师", "INTERMEDIATE") + ",\"obtainedOn\":\"2026-09-01\",\"employerId\":" + org("TJ-EMP-BHDZ") + "}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("id-number.check-digit"));
        mvc.perform(post("/api/applications").with(httpBasic("holder", "demo")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"path\":\"SELF_APPOINTMENT\",\"title\":" + title("工程师", "INTERMEDIATE") + ",\"obtainedOn\":\"2999-01-01\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("application.obtained-on-invalid"));
        mvc.perform(post("/api/applications").with(httpBasic("holder", "demo")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"path\":\"SELF_APPOINTMENT\",\"title\":{\"series\":\"工程技术\",\"name\":\"工程师\",\"level\":\"GRAND\"}}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("unreadable-request"));
        mvc.perform(post("/api/applications").with(httpBasic("committee", "demo")).contentType(MediaType.APPLICATION_JSON)
                .content(social.replace(",\"resultsFiledOn\":\"2026-09-01\"", "")))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("application.results-filed-on-required"));
        mvc.perform(post("/api/applications").with(httpBasic("committee", "demo")).header("Accept-Language", "en")
                .contentType(MediaType.APPLICATION_JSON).content(social.replace("\"reviewBodyId\":" + org("TJ-CMT-DZXX"),
                        "\"reviewBodyId\":" + org("TJ-KSZX"))))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message").value("The review body chosen does not fit the acquisition path."));
    }

    @Test
    void applicationsAreVisibleOnlyToTheApplicantAndStaffInScope() throws Exception {
        long id = submit("employer", "{\"path\":\"SELF_APPOINTMENT\",\"person\":" + person("可见性") + ",\"title\":"
                + title("助理工程师", "ASSISTANT") + ",\"obtainedOn\":\"2026-09-01\",\"employerId\":" + org("TJ-EMP-BHDZ") + "}");
        get("employer", id).andExpect(status().isOk());
        get("supervisor", id).andExpect(status().isOk());
        get("bureau", id).andExpect(status().isOk());
        get("holder", id).andExpect(status().isNotFound()).andExpect(jsonPath("$.code").value("application.not-found"));
        get("exam", id).andExpect(status().isNotFound());
        mvc.perform(MockMvcRequestBuildersGet.of("/api/applications").with(httpBasic("supervisor", "demo")))
                .andExpect(status().isOk()).andExpect(jsonPath("$[*].id", hasItem((int) id)));
        mvc.perform(MockMvcRequestBuildersGet.of("/api/applications").with(httpBasic("exam", "demo")))
                .andExpect(status().isOk()).andExpect(jsonPath("$[*].id", not(hasItem((int) id))));
        String supervisorTasks = mvc.perform(MockMvcRequestBuildersGet.of("/api/tasks").with(httpBasic("supervisor", "demo")))
                .andReturn().getResponse().getContentAsString();
        org.assertj.core.api.Assertions.assertThat(JsonPath.parse(supervisorTasks).<java.util.List<Object>>read(
                "$[?(@.applicationId == " + id + ")]")).isEmpty();
    }

    /** Static import clash with {@code get(String, long)} above. */
    static final class MockMvcRequestBuildersGet {
        static org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder of(String url) {
            return org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(url);
        }
    }
}
