package cn.titlecert.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import cn.titlecert.organisation.OrganisationService;

/** The staff-account pages: who sees them, the temporary password shown once and not cached, readable refusals. */
@SpringBootTest
@AutoConfigureMockMvc
class StaffAccountPagesTest {

    private static final Pattern PASSWORD = Pattern.compile("id=\"temporary-password\">([^<]+)<");

    @Autowired MockMvc mvc;
    @Autowired OrganisationService organisations;
    @Autowired StaffAccounts accounts;

    private MockHttpSession login(String username, String password) throws Exception {
        MockHttpSession session = new MockHttpSession();
        mvc.perform(post("/login").session(session).param("username", username).param("password", password).with(csrf()))
                .andExpect(redirectedUrlPattern("/**"));
        return session;
    }

    private long org(String code) {
        return organisations.findByCode(code).orElseThrow().id();
    }

    private static String username() {
        return "page" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    private static String temporaryPassword(MvcResult result) throws Exception {
        Matcher m = PASSWORD.matcher(result.getResponse().getContentAsString());
        assertThat(m.find()).as("the temporary password is on the page").isTrue();
        return m.group(1);
    }

    @Test
    void administratorsAndTheBureauSeeThePagesAndOthersAreRefused() throws Exception {
        MockHttpSession bureau = login("bureau", "demo");
        mvc.perform(get("/staff-accounts").session(bureau)).andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"nav-staff-accounts\"")))
                .andExpect(content().string(containsString("id=\"open-employer\"")))
                .andExpect(content().string(containsString("用人单位")))
                .andExpect(content().string(not(containsString("id=\"open-admin\""))));
        mvc.perform(get("/staff-accounts/new").session(bureau)).andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"role-EMPLOYER\"")))
                .andExpect(content().string(containsString("天津市工业和信息化局")))
                .andExpect(content().string(not(containsString("id=\"role-ADMIN\""))))
                .andExpect(content().string(not(containsString("id=\"role-HOLDER\""))));
        mvc.perform(get("/staff-accounts/admin").session(bureau)).andExpect(status().isNotFound());

        MockHttpSession admin = login("admin", "demo");
        mvc.perform(get("/staff-accounts").session(admin)).andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"open-admin\"")));
        mvc.perform(get("/staff-accounts/new").session(admin)).andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"role-ADMIN\"")));

        for (String other : new String[] {"employer", "holder", "operator"}) {
            MockHttpSession session = login(other, "demo");
            mvc.perform(get("/staff-accounts").session(session)).andExpect(status().isForbidden());
            mvc.perform(get("/staff-accounts/new").session(session)).andExpect(status().isForbidden());
            mvc.perform(get("/staff-accounts/employer").session(session)).andExpect(status().isForbidden());
            mvc.perform(post("/staff-accounts/employer/password-reset").session(session).with(csrf()))
                    .andExpect(status().isForbidden());
            mvc.perform(get("/").session(session)).andExpect(status().isOk())
                    .andExpect(content().string(not(containsString("id=\"nav-staff-accounts\""))));
        }
    }

    @Test
    void creatingShowsTheTemporaryPasswordOnceAndUncached() throws Exception {
        MockHttpSession bureau = login("bureau", "demo");
        String username = username();
        MvcResult created = mvc.perform(post("/staff-accounts").session(bureau).with(csrf()).param("username", username)
                        .param("displayName", "李审核").param("email", username + "@example.cn")
                        .param("roles", "EMPLOYER").param("organisationId", String.valueOf(org("TJ-EMP-YZX"))))
                .andExpect(status().isOk())
                .andExpect(header().string("Cache-Control", containsString("no-store")))
                .andExpect(content().string(containsString("首次登录时须修改密码")))
                .andReturn();
        String temporary = temporaryPassword(created);
        assertThat(temporary).hasSize(16);
        assertThat(accounts.one(currentBureau(), username).mustChangePassword()).isTrue();

        // Shown once: neither the list nor the account's page carries it again.
        mvc.perform(get("/staff-accounts/" + username).session(bureau)).andExpect(status().isOk())
                .andExpect(content().string(containsString("value=\"李审核\"")))
                .andExpect(content().string(not(containsString(temporary))));
        mvc.perform(get("/staff-accounts?page=0").session(bureau)).andExpect(status().isOk())
                .andExpect(content().string(not(containsString(temporary))));

        // The new account signs in with it and is led to the password page.
        MockHttpSession newcomer = login(username, temporary);
        mvc.perform(get("/").session(newcomer)).andExpect(redirectedUrl("/account/password"));
    }

    @Test
    void aRefusedFormKeepsWhatWasTypedAndSaysWhy() throws Exception {
        MockHttpSession bureau = login("bureau", "demo");
        String username = username();
        mvc.perform(post("/staff-accounts").session(bureau).with(csrf()).param("username", username)
                        .param("displayName", "赵错配").param("email", "zhao@example.cn")
                        .param("roles", "EMPLOYER").param("organisationId", String.valueOf(org("TJ-HRSS"))))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("角色 用人单位 不能用于该类型的单位（人社部门）。")))
                .andExpect(content().string(containsString("value=\"" + username + "\"")))
                .andExpect(content().string(containsString("value=\"赵错配\"")))
                .andExpect(content().string(containsString("value=\"zhao@example.cn\"")))
                .andExpect(content().string(containsString("id=\"role-EMPLOYER\" checked")))
                .andExpect(content().string(not(containsString("temporary-password"))));
        mvc.perform(post("/staff-accounts").session(bureau).with(csrf()).param("username", username)
                        .param("displayName", "赵越权").param("roles", "ADMIN")
                        .param("organisationId", String.valueOf(org("TJ-HRSS"))))
                .andExpect(status().isForbidden())
                .andExpect(content().string(containsString("只有系统管理员可以设置系统管理员角色。")))
                .andExpect(content().string(containsString("value=\"赵越权\"")));
        mvc.perform(post("/staff-accounts").session(bureau).with(csrf()).param("username", "Bad Name")
                        .param("displayName", "赵").param("roles", "EMPLOYER")
                        .param("organisationId", String.valueOf(org("TJ-EMP-YZX"))))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("用户名须为 3 至 64 位小写字母")))
                .andExpect(content().string(containsString("value=\"Bad Name\"")));
        assertThat(accounts.list(currentBureau(), 0, 200)).noneMatch(a -> a.username().equals(username));
    }

    @Test
    void theAccountPageSavesChangesAndKeepsARefusedEdit() throws Exception {
        MockHttpSession bureau = login("bureau", "demo");
        String username = username();
        mvc.perform(post("/staff-accounts").session(bureau).with(csrf()).param("username", username)
                        .param("displayName", "孙人事").param("roles", "EMPLOYER")
                        .param("organisationId", String.valueOf(org("TJ-EMP-YZX"))))
                .andExpect(status().isOk());
        mvc.perform(post("/staff-accounts/" + username).session(bureau).with(csrf()).param("displayName", "孙主管")
                        .param("email", "not-an-address").param("roles", "EMPLOYER")
                        .param("organisationId", String.valueOf(org("TJ-EMP-YZX"))))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("电子邮箱格式不正确。")))
                .andExpect(content().string(containsString("value=\"not-an-address\"")))
                .andExpect(content().string(containsString("value=\"孙主管\"")));
        assertThat(accounts.one(currentBureau(), username).displayName()).isEqualTo("孙人事");
        mvc.perform(post("/staff-accounts/" + username).session(bureau).with(csrf()).param("displayName", "孙主管")
                        .param("roles", "EMPLOYER").param("organisationId", String.valueOf(org("TJ-EMP-BHDZ"))))
                .andExpect(redirectedUrl("/staff-accounts/" + username));
        StaffAccounts.StaffAccount saved = accounts.one(currentBureau(), username);
        assertThat(saved.displayName()).isEqualTo("孙主管");
        assertThat(saved.organisationId()).isEqualTo(org("TJ-EMP-BHDZ"));
    }

    @Test
    void disablingNeedsAReasonAndAResetShowsANewPassword() throws Exception {
        MockHttpSession bureau = login("bureau", "demo");
        String username = username();
        String first = temporaryPassword(mvc.perform(post("/staff-accounts").session(bureau).with(csrf())
                        .param("username", username).param("displayName", "钱评审").param("roles", "COMMITTEE")
                        .param("organisationId", String.valueOf(org("TJ-CMT-DZXX"))))
                .andExpect(status().isOk()).andReturn());

        mvc.perform(get("/staff-accounts/" + username + "/disabling").session(bureau)).andExpect(status().isOk())
                .andExpect(content().string(containsString("确认停用")));
        mvc.perform(post("/staff-accounts/" + username + "/disabling").session(bureau).with(csrf()).param("reason", " "))
                .andExpect(status().isBadRequest()).andExpect(content().string(containsString("停用账户须填写原因。")));
        assertThat(accounts.one(currentBureau(), username).enabled()).isTrue();
        mvc.perform(post("/staff-accounts/" + username + "/disabling").session(bureau).with(csrf())
                        .param("reason", "调离"))
                .andExpect(redirectedUrl("/staff-accounts/" + username));
        assertThat(accounts.one(currentBureau(), username).enabled()).isFalse();
        mvc.perform(get("/staff-accounts/" + username).session(bureau))
                .andExpect(content().string(containsString("id=\"account-enable\"")));
        mvc.perform(post("/staff-accounts/" + username + "/enabling").session(bureau).with(csrf()))
                .andExpect(redirectedUrl("/staff-accounts/" + username));
        assertThat(accounts.one(currentBureau(), username).enabled()).isTrue();

        mvc.perform(get("/staff-accounts/" + username + "/password-reset").session(bureau)).andExpect(status().isOk())
                .andExpect(content().string(containsString("确认重置")));
        String reset = temporaryPassword(mvc.perform(post("/staff-accounts/" + username + "/password-reset")
                        .session(bureau).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(header().string("Cache-Control", containsString("no-store")))
                .andReturn());
        assertThat(reset).isNotEqualTo(first);
        mvc.perform(post("/login").param("username", username).param("password", first).with(csrf()))
                .andExpect(redirectedUrlPattern("/login?error*"));
        MockHttpSession newcomer = login(username, reset);
        mvc.perform(get("/").session(newcomer)).andExpect(redirectedUrl("/account/password"));
    }

    private CurrentUser currentBureau() {
        return new CurrentUser("bureau", "bureau", java.util.Set.of(Role.BUREAU), org("TJ-HRSS"),
                organisations.findByCode("TJ-HRSS").orElseThrow().treePath(), null);
    }
}
