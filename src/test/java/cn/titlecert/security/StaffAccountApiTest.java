package cn.titlecert.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import com.jayway.jsonpath.JsonPath;

import cn.titlecert.organisation.OrganisationService;

/**
 * Staff accounts set up without SQL: an administrator or the issuing bureau (for its own subtree) creates an account
 * with a temporary password, which the first sign-in must change; roles and organisation change with the engine's
 * groups following; accounts are disabled, enabled and reset. Every change is audited.
 */
@SpringBootTest
@AutoConfigureMockMvc
class StaffAccountApiTest {

    @Autowired MockMvc mvc;
    @Autowired OrganisationService organisations;
    @Autowired IdentityService identity;
    @Autowired JdbcTemplate jdbc;

    private long org(String code) {
        return organisations.findByCode(code).orElseThrow().id();
    }

    private static String username() {
        return "staff" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    private static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder request, String body) {
        return request.contentType(MediaType.APPLICATION_JSON).content(body);
    }

    private String create(String manager, String username, String roles, long organisationId) throws Exception {
        String response = mvc.perform(json(post("/api/staff-accounts"), "{\"username\":\"" + username
                + "\",\"displayName\":\"王审核\",\"email\":\"" + username + "@example.cn\",\"roles\":" + roles
                + ",\"organisationId\":" + organisationId + "}").with(httpBasic(manager, "demo")))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.account.username").value(username))
                .andExpect(jsonPath("$.account.mustChangePassword").value(true))
                .andReturn().getResponse().getContentAsString();
        return JsonPath.read(response, "$.temporaryPassword");
    }

    private boolean memberOf(String username, String groupId) {
        return identity.createGroupQuery().groupMember(username).list().stream().map(Group::getId)
                .anyMatch(groupId::equals);
    }

    private int audited(String action, String username) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM audit_log WHERE action = ? AND entity_id = ?", Integer.class,
                action, username);
    }

    @Test
    void anAdministratorCreatesAnAccountWhoseFirstSignInChangesTheTemporaryPassword() throws Exception {
        String username = username();
        long employer = org("TJ-EMP-BHDZ");
        String temporary = create("admin", username, "[\"EMPLOYER\"]", employer);
        assertThat(temporary).hasSize(16);
        assertThat(memberOf(username, Role.EMPLOYER.groupId())).isTrue();
        assertThat(memberOf(username, OrganisationGroups.of(employer))).as("a candidate of its organisation's steps").isTrue();
        assertThat(audited("STAFF_ACCOUNT_CREATED", username)).isOne();

        // Until the password is changed, nothing else answers.
        mvc.perform(get("/api/tasks").with(httpBasic(username, temporary))).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("password-change-required"));
        mvc.perform(get("/api/me").with(httpBasic(username, temporary))).andExpect(status().isOk());
        mvc.perform(json(post("/api/me/password"), "{\"currentPassword\":\"" + temporary + "\",\"newPassword\":\"short1\"}")
                .with(httpBasic(username, temporary))).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("password.too-short"));
        mvc.perform(json(post("/api/me/password"), "{\"currentPassword\":\"" + temporary + "\",\"newPassword\":\"password123\"}")
                .header("Accept-Language", "en").with(httpBasic(username, temporary))).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message").value("This password is too common and easily guessed; please choose another."));
        mvc.perform(json(post("/api/me/password"), "{\"currentPassword\":\"" + temporary + "\",\"newPassword\":\"x" + username
                + "9\"}").with(httpBasic(username, temporary))).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("password.personal"));
        mvc.perform(json(post("/api/me/password"), "{\"currentPassword\":\"wrong\",\"newPassword\":\"Tianjin2026review\"}")
                .with(httpBasic(username, temporary))).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("password.current-wrong"));
        mvc.perform(json(post("/api/me/password"), "{\"currentPassword\":\"" + temporary
                + "\",\"newPassword\":\"Tianjin2026review\"}").with(httpBasic(username, temporary)))
                .andExpect(status().isNoContent());

        mvc.perform(get("/api/tasks").with(httpBasic(username, "Tianjin2026review"))).andExpect(status().isOk());
        mvc.perform(get("/api/me").with(httpBasic(username, temporary))).andExpect(status().isUnauthorized());
        assertThat(audited("PASSWORD_CHANGED", username)).isOne();
    }

    @Test
    void theLoginPageLeadsATemporaryPasswordToThePasswordPage() throws Exception {
        String username = username();
        String temporary = create("admin", username, "[\"SUPERVISOR\"]", org("TJ-GXJ"));
        MockHttpSession session = new MockHttpSession();
        mvc.perform(post("/login").session(session).with(csrf()).param("username", username).param("password", temporary))
                .andExpect(redirectedUrl("/"));
        mvc.perform(get("/").session(session)).andExpect(redirectedUrl("/account/password"));
        mvc.perform(get("/tasks").session(session)).andExpect(redirectedUrl("/account/password"));
        mvc.perform(get("/account/password").session(session)).andExpect(status().isOk());
        mvc.perform(post("/account/password").session(session).with(csrf()).param("currentPassword", temporary)
                .param("newPassword", "Supervise2026ok").param("confirmation", "Supervise2026other"))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/account/password").session(session).with(csrf()).param("currentPassword", temporary)
                .param("newPassword", "Supervise2026ok").param("confirmation", "Supervise2026ok"))
                .andExpect(redirectedUrl("/?password-changed"));
        mvc.perform(get("/").session(session)).andExpect(status().isOk());
    }

    @Test
    void rolesAndOrganisationChangeWithTheEngineGroupsFollowing() throws Exception {
        String username = username();
        long first = org("TJ-EMP-BHDZ");
        long second = org("TJ-EMP-HBJX");
        create("admin", username, "[\"EMPLOYER\"]", first);
        mvc.perform(json(put("/api/staff-accounts/" + username), "{\"displayName\":\"王审核\",\"roles\":[\"EMPLOYER\"],"
                + "\"organisationId\":" + second + "}").with(httpBasic("admin", "demo"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.organisationId").value(second));
        assertThat(memberOf(username, OrganisationGroups.of(second))).isTrue();
        assertThat(memberOf(username, OrganisationGroups.of(first))).as("no longer a candidate of the old one").isFalse();

        long bureau = org("TJ-HRSS");
        mvc.perform(json(put("/api/staff-accounts/" + username), "{\"displayName\":\"王值守\",\"roles\":[\"OPERATOR\"],"
                + "\"organisationId\":" + bureau + "}").with(httpBasic("admin", "demo"))).andExpect(status().isOk());
        assertThat(memberOf(username, Role.OPERATOR.groupId())).isTrue();
        assertThat(memberOf(username, Role.EMPLOYER.groupId())).isFalse();
        assertThat(memberOf(username, OrganisationGroups.of(bureau))).as("an operator decides no step").isFalse();
        assertThat(audited("STAFF_ACCOUNT_CHANGED", username)).isEqualTo(2);

        // A role must suit its organisation.
        mvc.perform(json(put("/api/staff-accounts/" + username), "{\"displayName\":\"王值守\",\"roles\":[\"EMPLOYER\"],"
                + "\"organisationId\":" + bureau + "}").with(httpBasic("admin", "demo"))).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("account.role-organisation"));
    }

    @Test
    void theBureauManagesItsOwnSubtreeButNeverAnAdministrator() throws Exception {
        String username = username();
        create("bureau", username, "[\"EMPLOYER\"]", org("TJ-EMP-YZX"));
        mvc.perform(json(post("/api/staff-accounts"), "{\"username\":\"" + username() + "\",\"displayName\":\"越权\","
                + "\"roles\":[\"ADMIN\"],\"organisationId\":" + org("TJ-HRSS") + "}").with(httpBasic("bureau", "demo")))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.code").value("account.admin-only"));
        mvc.perform(get("/api/staff-accounts/admin").with(httpBasic("bureau", "demo"))).andExpect(status().isNotFound());
        mvc.perform(post("/api/staff-accounts/admin/password-reset").with(httpBasic("bureau", "demo")))
                .andExpect(status().isNotFound());
        mvc.perform(json(put("/api/staff-accounts/bureau"), "{\"displayName\":\"自己\",\"roles\":[\"BUREAU\",\"OPERATOR\"],"
                + "\"organisationId\":" + org("TJ-HRSS") + "}").with(httpBasic("bureau", "demo")))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.code").value("account.own-roles"));

        for (String other : new String[] {"employer", "supervisor", "holder", "operator"}) {
            mvc.perform(get("/api/staff-accounts").with(httpBasic(other, "demo"))).andExpect(status().isForbidden());
            mvc.perform(post("/api/staff-accounts/" + username + "/password-reset").with(httpBasic(other, "demo")))
                    .andExpect(status().isForbidden());
        }
        String list = mvc.perform(get("/api/staff-accounts?size=200").with(httpBasic("bureau", "demo")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(list).contains("\"" + username + "\"").doesNotContain("\"username\":\"admin\"")
                .doesNotContain("\"username\":\"holder\"");
        mvc.perform(json(post("/api/staff-accounts"), "{\"username\":\"Bad Name\",\"displayName\":\"x\","
                + "\"roles\":[\"EMPLOYER\"],\"organisationId\":" + org("TJ-EMP-YZX") + "}").header("Accept-Language", "en")
                .with(httpBasic("bureau", "demo"))).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.startsWith("A user name has 3 to 64")));
    }

    @Test
    void disablingStopsTheAccountAndAResetIssuesANewTemporaryPassword() throws Exception {
        String username = username();
        String temporary = create("admin", username, "[\"COMMITTEE\"]", org("TJ-CMT-DZXX"));
        mvc.perform(json(post("/api/staff-accounts/" + username + "/disabling"), "{}").with(httpBasic("admin", "demo")))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("account.reason-required"));
        mvc.perform(json(post("/api/staff-accounts/" + username + "/disabling"), "{\"reason\":\"调离评委会组建单位\"}")
                .with(httpBasic("admin", "demo"))).andExpect(status().isOk()).andExpect(jsonPath("$.enabled").value(false));
        mvc.perform(get("/api/me").with(httpBasic(username, temporary))).andExpect(status().isUnauthorized());
        mvc.perform(post("/api/staff-accounts/" + username + "/enabling").with(httpBasic("admin", "demo")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.enabled").value(true));

        String reset = JsonPath.read(mvc.perform(post("/api/staff-accounts/" + username + "/password-reset")
                .with(httpBasic("admin", "demo"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.account.mustChangePassword").value(true))
                .andReturn().getResponse().getContentAsString(), "$.temporaryPassword");
        assertThat(reset).isNotEqualTo(temporary);
        mvc.perform(get("/api/me").with(httpBasic(username, temporary))).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/tasks").with(httpBasic(username, reset))).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("password-change-required"));
        assertThat(audited("STAFF_ACCOUNT_DISABLED", username)).isOne();
        assertThat(audited("STAFF_ACCOUNT_ENABLED", username)).isOne();
        assertThat(audited("STAFF_ACCOUNT_PASSWORD_RESET", username)).isOne();
        mvc.perform(post("/api/staff-accounts/admin/disabling").contentType(MediaType.APPLICATION_JSON)
                .content("{\"reason\":\"x\"}").with(httpBasic("admin", "demo"))).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("account.own-disable"));
    }
}
