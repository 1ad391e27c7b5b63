package cn.titlecert.organisation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/** The management pages: who sees them, readable refusals, retirement asks for a reason. */
@SpringBootTest
@AutoConfigureMockMvc
class OrganisationPagesTest {

    @Autowired MockMvc mvc;
    @Autowired OrganisationService organisations;

    private MockHttpSession login(String username) throws Exception {
        MockHttpSession session = new MockHttpSession();
        mvc.perform(post("/login").session(session).param("username", username).param("password", "demo").with(csrf()))
                .andExpect(redirectedUrlPattern("/**"));
        return session;
    }

    @Test
    void theBureauSeesItsTreeAndOthersAreRefused() throws Exception {
        MockHttpSession bureau = login("bureau");
        mvc.perform(get("/organisations").session(bureau)).andExpect(status().isOk())
                .andExpect(content().string(containsString("天津市工业和信息化局")))
                .andExpect(content().string(containsString("id=\"nav-organisations\"")))
                .andExpect(content().string(not(containsString("id=\"edit-" + organisations.findByCode("TJ-HRSS")
                        .orElseThrow().id() + "\""))));
        mvc.perform(get("/organisations").param("q", "医院").session(bureau)).andExpect(status().isOk())
                .andExpect(content().string(containsString("天津市第一中心医院")))
                .andExpect(content().string(not(containsString("天津市工业和信息化局"))));
        mvc.perform(get("/organisations/new").session(bureau)).andExpect(status().isOk())
                .andExpect(content().string(containsString("核准备案号")));
        mvc.perform(get("/organisations/import").session(bureau)).andExpect(status().isOk());
        mvc.perform(get("/organisations").session(login("employer"))).andExpect(status().isForbidden())
                .andExpect(content().string(containsString("只有系统管理员和人社部门可以管理单位。")));
        mvc.perform(get("/organisations").session(login("holder"))).andExpect(status().isForbidden());
    }

    @Test
    void aRefusedFormKeepsWhatWasTypedAndSaysWhy() throws Exception {
        MockHttpSession bureau = login("bureau");
        long exam = organisations.findByCode("TJ-KSZX").orElseThrow().id();
        String code = "T-" + UUID.randomUUID().toString().substring(0, 10);
        mvc.perform(post("/organisations").session(bureau).with(csrf()).param("code", code).param("name", "页面测试单位")
                        .param("type", "EMPLOYER").param("parentId", String.valueOf(exam)))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("用人单位不能设在考试机构之下。")))
                .andExpect(content().string(containsString("value=\"" + code + "\"")));
        assertThat(organisations.findByCode(code)).isEmpty();
        long bureauId = organisations.findByCode("TJ-HRSS").orElseThrow().id();
        mvc.perform(post("/organisations").session(bureau).with(csrf()).param("code", code).param("name", "页面测试单位")
                        .param("type", "SUPERVISORY_DEPARTMENT").param("parentId", String.valueOf(bureauId)))
                .andExpect(status().is3xxRedirection());
        long id = organisations.findByCode(code).orElseThrow().id();
        mvc.perform(get("/organisations/" + id + "/retirement").session(bureau)).andExpect(status().isOk())
                .andExpect(content().string(containsString("确认撤销")));
        mvc.perform(post("/organisations/" + id + "/retirement").session(bureau).with(csrf()).param("reason", ""))
                .andExpect(status().isBadRequest()).andExpect(content().string(containsString("请填写原因。")));
        mvc.perform(post("/organisations/" + id + "/retirement").session(bureau).with(csrf()).param("reason", "合并"))
                .andExpect(status().is3xxRedirection());
        assertThat(organisations.find(id).orElseThrow().retired()).isTrue();
        mvc.perform(post("/organisations/" + id + "/reactivation").session(bureau).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(organisations.find(id).orElseThrow().active()).isTrue();
        mvc.perform(post("/organisations/" + bureauId + "/retirement").session(bureau).with(csrf()).param("reason", "x"))
                .andExpect(status().isForbidden());
    }
}
