package cn.titlecert.review;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

import cn.titlecert.application.Application;
import cn.titlecert.application.ApplicationMapper;

/** The pages of the review: a holder applies, staff see their tasks and decide, hostile input is refused. */
@SpringBootTest
@AutoConfigureMockMvc
class ReviewPagesTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    ApplicationMapper applications;

    @Autowired
    org.camunda.bpm.engine.TaskService taskService;

    private MockHttpSession login(String username) throws Exception {
        MockHttpSession session = new MockHttpSession();
        mvc.perform(post("/login").session(session).param("username", username).param("password", "demo").with(csrf()))
                .andExpect(redirectedUrl("/"));
        return session;
    }

    private String today() {
        return LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
    }

    @Test
    void aHolderAppliesFromThePageAndStaffDecideFromTheirTaskList() throws Exception {
        MockHttpSession holder = login("holder");
        mvc.perform(get("/applications/new").session(holder)).andExpect(status().isOk())
                .andExpect(content().string(containsString("天津市人事考试中心")));
        String title = "页面职称" + System.nanoTime();
        String location = mvc.perform(post("/applications/new").session(holder).with(csrf())
                .param("path", "SELF_APPOINTMENT").param("series", "工程技术").param("specialty", "电子信息")
                .param("titleName", title).param("level", "INTERMEDIATE").param("obtainedOn", today()))
                .andExpect(redirectedUrlPattern("/applications/*")).andReturn().getResponse().getRedirectedUrl();
        long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        mvc.perform(get(location).session(holder)).andExpect(content().string(containsString(title)))
                .andExpect(content().string(containsString("用人单位审核")));

        MockHttpSession employer = login("employer");
        String taskId = taskService.createTaskQuery().processInstanceBusinessKey(String.valueOf(id)).singleResult().getId();
        mvc.perform(get("/tasks").session(employer)).andExpect(status().isOk())
                .andExpect(content().string(containsString("data-task-id=\"" + taskId + "\"")));
        mvc.perform(get("/tasks").session(login("supervisor")))
                .andExpect(content().string(not(containsString("data-task-id=\"" + taskId + "\""))));
        mvc.perform(get("/tasks/" + taskId).session(employer)).andExpect(status().isOk())
                .andExpect(content().string(containsString(title)))
                .andExpect(content().string(containsString("1201**********0014")))
                .andExpect(content().string(not(containsString("120101198805120014"))));

        // A return without a reason is refused with the rule, and nothing changes.
        mvc.perform(post("/tasks/" + taskId + "/complete").session(employer).with(csrf()).param("decision", "RETURN"))
                .andExpect(redirectedUrl("/tasks/" + taskId))
                .andExpect(flash().attribute("error", "退回修改或不通过时必须填写理由。"));
        // Hostile input is stored as text and shown escaped.
        String hostile = "<script>alert(1)</script> 缺少盖章页";
        mvc.perform(post("/tasks/" + taskId + "/complete").session(employer).with(csrf()).param("decision", "RETURN")
                .param("decisionReason", hostile)).andExpect(redirectedUrl("/tasks"));
        mvc.perform(get(location).session(holder)).andExpect(content().string(containsString("&lt;script&gt;")))
                .andExpect(content().string(not(containsString("<script>alert(1)</script>"))))
                .andExpect(content().string(containsString("id=\"resubmit\"")));

        mvc.perform(post(location + "/resubmit").session(holder).with(csrf()).param("series", "工程技术")
                .param("titleName", title).param("level", "INTERMEDIATE").param("obtainedOn", today()))
                .andExpect(redirectedUrl(location));
        Application resubmitted = applications.findById(id).orElseThrow();
        org.assertj.core.api.Assertions.assertThat(resubmitted.status().name()).isEqualTo("IN_REVIEW");

        String second = taskService.createTaskQuery().processInstanceBusinessKey(String.valueOf(id)).singleResult().getId();
        mvc.perform(post("/tasks/" + second + "/complete").session(employer).with(csrf()).param("decision", "APPROVE"))
                .andExpect(redirectedUrl("/tasks"));
        String third = taskService.createTaskQuery().processInstanceBusinessKey(String.valueOf(id)).singleResult().getId();
        MockHttpSession supervisor = login("supervisor");
        mvc.perform(post("/tasks/" + third + "/claim").session(supervisor).with(csrf())).andExpect(redirectedUrl("/tasks/" + third));
        mvc.perform(post("/tasks/" + third + "/complete").session(supervisor).with(csrf()).param("decision", "APPROVE"))
                .andExpect(redirectedUrl("/tasks"));
        mvc.perform(get(location).session(holder)).andExpect(content().string(containsString("已通过，待制证")))
                .andExpect(content().string(containsString("等待月度制证")));
    }

    @Test
    void formsRefuseWhatTheApiRefusesAndForgedRequestsFail() throws Exception {
        MockHttpSession holder = login("holder");
        mvc.perform(post("/applications/new").session(holder).with(csrf()).param("path", "SELF_APPOINTMENT")
                .param("series", "工程技术").param("titleName", "工程师").param("level", "INTERMEDIATE")
                .param("obtainedOn", "2999-01-01"))
                .andExpect(status().isOk()).andExpect(content().string(containsString("取得资格时间不能晚于今天")));
        mvc.perform(post("/applications/new").session(holder).with(csrf()).param("path", "SOCIAL_REVIEW")
                .param("series", "工程技术").param("titleName", "工程师").param("level", "INTERMEDIATE")
                .param("obtainedOn", today()))
                .andExpect(status().isOk()).andExpect(content().string(containsString("您不能提交这种取得方式的申请")));
        mvc.perform(post("/applications/new").session(holder).param("path", "SELF_APPOINTMENT"))
                .andExpect(status().isForbidden());
        mvc.perform(get("/tasks/no-such-task").session(login("employer"))).andExpect(status().isNotFound());
    }
}
