package cn.titlecert.security;

import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** Who may call what: the product's API, the engine REST API, the webapps and the open endpoints. */
@SpringBootTest
@AutoConfigureMockMvc
class SecurityWebTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    AccountService accounts;

    @Test
    void anonymousCallsAreRefusedWithTheContractsJson() throws Exception {
        mvc.perform(get("/api/me")).andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("unauthenticated"))
                .andExpect(jsonPath("$.message").value("请先登录。"))
                .andExpect(header().doesNotExist("WWW-Authenticate"));
        mvc.perform(get("/api/organisations").header("Accept-Language", "en")).andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.message").value("Please sign in first."));
    }

    @Test
    void wrongPasswordsAreRefused() throws Exception {
        // Not a demo account: the engine delays the next login of a user after a failed attempt.
        String username = "t" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        accounts.createIdentity(username, "测试", "right-password", java.util.Set.of(Role.EMPLOYER));
        mvc.perform(get("/api/me").with(httpBasic(username, "wrong"))).andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("unauthenticated"));
        mvc.perform(get("/api/me").with(httpBasic("nobody", "demo"))).andExpect(status().isUnauthorized());
        mvc.perform(get("/engine-rest/user").with(httpBasic(username, "wrong"))).andExpect(status().isUnauthorized());
    }

    @Test
    void anEngineUserWithoutAProductAccountCannotUseTheProduct() throws Exception {
        String username = "t" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        accounts.createIdentity(username, "测试", "right-password", java.util.Set.of(Role.EMPLOYER));
        mvc.perform(get("/api/me").with(httpBasic(username, "right-password"))).andExpect(status().isUnauthorized());
    }

    @ParameterizedTest
    @CsvSource({
            "admin, ADMIN, TJ-HRSS",
            "bureau, BUREAU, TJ-HRSS",
            "supervisor, SUPERVISOR, TJ-GXJ",
            "employer, EMPLOYER, TJ-EMP-BHDZ",
            "committee, COMMITTEE, TJ-CMT-DZXX",
            "exam, EXAM_AGENCY, TJ-KSZX",
            "holder, HOLDER, TJ-EMP-BHDZ",
            "operator, OPERATOR, TJ-HRSS"
    })
    void everyDemoRoleLogsInAndKnowsItsOrganisation(String username, String role, String organisationCode)
            throws Exception {
        MvcResult me = mvc.perform(get("/api/me").with(httpBasic(username, "demo"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.username").value(username))
                .andExpect(jsonPath("$.roles[0]").value(role)).andReturn();
        String body = me.getResponse().getContentAsString();
        long organisationId = com.jayway.jsonpath.JsonPath.parse(body).read("$.organisationId", Long.class);
        mvc.perform(get("/api/organisations/" + organisationId).with(httpBasic(username, "demo")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.code").value(organisationCode));
    }

    @Test
    void eachRoleSeesOnlyItsOrganisationAndThoseBelow() throws Exception {
        mvc.perform(get("/api/organisations").with(httpBasic("bureau", "demo"))).andExpect(status().isOk())
                .andExpect(jsonPath("$[*].code", hasItems("TJ-HRSS", "TJ-GXJ", "TJ-EMP-BHDZ", "TJ-EMP-YZX", "TJ-KSZX")));
        mvc.perform(get("/api/organisations").with(httpBasic("supervisor", "demo"))).andExpect(status().isOk())
                .andExpect(jsonPath("$[*].code", hasItems("TJ-GXJ", "TJ-EMP-BHDZ", "TJ-EMP-HBJX", "TJ-CMT-DZXX")))
                .andExpect(jsonPath("$[*].code", not(hasItem("TJ-HRSS"))))
                .andExpect(jsonPath("$[*].code", not(hasItem("TJ-EMP-YZX"))))
                .andExpect(jsonPath("$[*].code", not(hasItem("TJ-WJW"))));
        mvc.perform(get("/api/organisations").with(httpBasic("employer", "demo"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].code").value("TJ-EMP-BHDZ"))
                .andExpect(jsonPath("$[0].type").value("EMPLOYER"))
                .andExpect(jsonPath("$[0].parentId").isNumber());
        mvc.perform(get("/api/organisations").with(httpBasic("holder", "demo"))).andExpect(status().isOk())
                .andExpect(jsonPath("$[*].code", hasItems("TJ-EMP-BHDZ", "TJ-GXJ", "TJ-HRSS", "TJ-CMT-DZXX", "TJ-KSZX")))
                .andExpect(jsonPath("$[*].code", not(hasItem("TJ-EMP-HBJX"))))
                .andExpect(jsonPath("$[*].code", not(hasItem("TJ-EMP-YZX"))));
    }

    @Test
    void anOrganisationOutsideTheCallersScopeIsNotFound() throws Exception {
        String body = mvc.perform(get("/api/organisations").with(httpBasic("bureau", "demo"))).andReturn().getResponse()
                .getContentAsString();
        Integer hospital = com.jayway.jsonpath.JsonPath.parse(body).read("$[?(@.code == 'TJ-EMP-YZX')].id",
                net.minidev.json.JSONArray.class).stream().map(o -> (Integer) o).findFirst().orElseThrow();
        mvc.perform(get("/api/organisations/" + hospital).with(httpBasic("employer", "demo")))
                .andExpect(status().isNotFound()).andExpect(jsonPath("$.code").value("organisation.not-found"));
        mvc.perform(get("/api/organisations/" + hospital).with(httpBasic("bureau", "demo")))
                .andExpect(status().isOk());
    }

    @Test
    void theHolderSeesTheirOwnNumbersUnmasked() throws Exception {
        mvc.perform(get("/api/me").with(httpBasic("holder", "demo"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.person.name").value("张三"))
                .andExpect(jsonPath("$.person.idNumber").value("120101198805120014"))
                .andExpect(jsonPath("$.person.phone").value("13800000001"));
        mvc.perform(get("/api/me").with(httpBasic("employer", "demo"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.person").doesNotExist());
    }

    @Test
    void theWebappsAskForTheProductsLogin() throws Exception {
        mvc.perform(get("/camunda/app/cockpit/default/")).andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("http://localhost/login"));
        mvc.perform(get("/camunda/api/engine/engine/default/process-definition")).andExpect(status().is3xxRedirection());
    }

    @Test
    void healthAndTheApiDocumentAreOpen() throws Exception {
        mvc.perform(get("/actuator/health")).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("UP"));
        mvc.perform(get("/v3/api-docs")).andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/organisations']").exists());
        mvc.perform(get("/actuator/env")).andExpect(status().isUnauthorized());
        mvc.perform(get("/actuator/env").with(httpBasic("holder", "demo"))).andExpect(status().isForbidden());
    }

    @Test
    void aBrowserSessionMustSendTheCsrfTokenWhileBasicAuthenticatedClientsNeedNot() throws Exception {
        MockHttpSession session = new MockHttpSession();
        mvc.perform(post("/login").session(session).param("username", "employer").param("password", "demo").with(csrf()))
                .andExpect(redirectedUrl("/"));
        String person = "{\"name\":\"x\",\"idType\":\"RESIDENT_ID\",\"idNumber\":\"1\",\"employerId\":999999}";
        RequestPostProcessor sessionCookie = request -> {
            request.setRequestedSessionId(session.getId());
            request.setRequestedSessionIdFromCookie(true);
            return request;
        };
        mvc.perform(post("/api/persons").session(session).with(sessionCookie).contentType(MediaType.APPLICATION_JSON)
                .content(person)).andExpect(status().isForbidden()).andExpect(jsonPath("$.code").value("csrf"));
        mvc.perform(post("/api/persons").session(session).with(sessionCookie).contentType(MediaType.APPLICATION_JSON)
                .content(person).with(csrf())).andExpect(status().isNotFound());
        mvc.perform(post("/api/persons").with(httpBasic("employer", "demo")).contentType(MediaType.APPLICATION_JSON)
                .content(person)).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("organisation.not-found"));
        mvc.perform(post("/login").param("username", "employer").param("password", "demo"))
                .andExpect(status().isForbidden());
    }

    @Test
    void theAdminApiIsForAdministratorsOnly() throws Exception {
        mvc.perform(get("/api/admin/outbox").with(httpBasic("bureau", "demo"))).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("forbidden"));
    }

    @Test
    void theApiAnswersJsonOnly() throws Exception {
        mvc.perform(get("/api/me").with(httpBasic("bureau", "demo")).accept(MediaType.APPLICATION_XML))
                .andExpect(status().isNotAcceptable());
        mvc.perform(get("/api/me").with(httpBasic("bureau", "demo")).accept(MediaType.ALL))
                .andExpect(status().isOk()).andExpect(header().string("Content-Type",
                        org.hamcrest.Matchers.startsWith("application/json")));
    }
}
