package cn.titlecert.web;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.cookie;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

@SpringBootTest
@AutoConfigureMockMvc
class PagesWebTest {

    @Autowired
    MockMvc mvc;

    private MockHttpSession login(String username) throws Exception {
        MockHttpSession session = new MockHttpSession();
        mvc.perform(post("/login").session(session).param("username", username).param("password", "demo").with(csrf()))
                .andExpect(redirectedUrl("/"));
        return session;
    }

    @Test
    void pagesNeedALoginAndTheLoginPageIsInChineseByDefault() throws Exception {
        mvc.perform(get("/")).andExpect(status().is3xxRedirection()).andExpect(redirectedUrlPattern("**/login"));
        mvc.perform(get("/login")).andExpect(status().isOk())
                .andExpect(content().string(containsString("职称电子证书管理系统")))
                .andExpect(content().string(containsString("name=\"_csrf\"")));
        mvc.perform(get("/login").header("Accept-Language", "en")).andExpect(status().isOk())
                .andExpect(content().string(containsString("Sign in")));
    }

    @Test
    void aFailedLoginSaysSo() throws Exception {
        mvc.perform(post("/login").param("username", "nobody").param("password", "x").with(csrf()))
                .andExpect(redirectedUrl("/login?error"));
        mvc.perform(get("/login?error")).andExpect(content().string(containsString("用户名或密码错误")));
        mvc.perform(post("/login").param("username", "employer").param("password", "demo"))
                .andExpect(status().isForbidden());
    }

    @Test
    void theHolderHomePageShowsTheirOwnMaskedDataAndNoStaffSections() throws Exception {
        mvc.perform(get("/").session(login("holder"))).andExpect(status().isOk())
                .andExpect(content().string(containsString("欢迎，张三")))
                .andExpect(content().string(containsString("1201**********0014")))
                .andExpect(content().string(containsString("138****0001")))
                .andExpect(content().string(not(containsString("120101198805120014"))))
                .andExpect(content().string(containsString("id=\"my-certificates\"")))
                .andExpect(content().string(not(containsString("id=\"tasks\""))))
                .andExpect(content().string(not(containsString("id=\"organisations\""))));
    }

    @Test
    void staffHomePagesShowTheirTasksAndOnlyTheirOrganisations() throws Exception {
        mvc.perform(get("/").session(login("employer"))).andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"tasks\"")))
                .andExpect(content().string(containsString("天津滨海电子科技有限公司")))
                .andExpect(content().string(not(containsString("天津市第一中心医院"))))
                .andExpect(content().string(not(containsString("天津市人力资源和社会保障局</span>"))));
        mvc.perform(get("/").session(login("bureau"))).andExpect(status().isOk())
                .andExpect(content().string(containsString("天津市第一中心医院")))
                .andExpect(content().string(containsString("/camunda/app/cockpit/")));
        mvc.perform(get("/").session(login("admin"))).andExpect(status().isOk())
                .andExpect(content().string(containsString("/camunda/app/admin/")));
    }

    @Test
    void theLanguageSwitchIsRememberedAndAppliesToTheApi() throws Exception {
        MockHttpSession session = login("bureau");
        var switched = mvc.perform(get("/").param("lang", "en").session(session)).andExpect(status().isOk())
                .andExpect(content().string(containsString("Welcome, ")))
                .andExpect(content().string(containsString("My tasks")))
                .andExpect(cookie().value("lang", "en")).andReturn();
        mvc.perform(get("/").session(session).cookie(switched.getResponse().getCookie("lang")))
                .andExpect(content().string(containsString("Welcome, ")));
        mvc.perform(get("/api/nothing-here").session(session).cookie(switched.getResponse().getCookie("lang")))
                .andExpect(status().isNotFound()).andExpect(jsonPath("$.message").value("Not found."));
        mvc.perform(get("/").param("lang", "zh_CN").session(session)).andExpect(content().string(containsString("欢迎，")));
    }

    @Test
    void unknownPagesGetAFriendlyPageAndTheApiGetsJson() throws Exception {
        MockHttpSession session = login("bureau");
        mvc.perform(get("/no-such-page").session(session).accept(MediaType.TEXT_HTML)).andExpect(status().isNotFound());
        mvc.perform(get("/api/no-such-thing").session(session).accept(MediaType.TEXT_HTML))
                .andExpect(status().isNotFound()).andExpect(jsonPath("$.code").value("not-found"));
        mvc.perform(post("/api/me").session(session).with(csrf())).andExpect(status().isMethodNotAllowed())
                .andExpect(jsonPath("$.code").value("method-not-allowed"));
    }
}
