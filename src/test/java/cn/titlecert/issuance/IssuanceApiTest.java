package cn.titlecert.issuance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import cn.titlecert.application.AcquisitionPath;
import cn.titlecert.application.ReviewType;
import cn.titlecert.certificate.CertificateIssuer;
import cn.titlecert.certificate.CertificateRequest;
import cn.titlecert.certificate.TitleLevel;
import cn.titlecert.organisation.OrganisationService;
import cn.titlecert.security.UserAccountMapper;

/** The issuance API and the outbox as their users meet them: who may, the errors, and pending certificates. */
@SpringBootTest
@AutoConfigureMockMvc
class IssuanceApiTest {

    @Autowired MockMvc mvc;
    @Autowired CertificateIssuer issuer;
    @Autowired UserAccountMapper accounts;
    @Autowired OrganisationService organisations;

    private static String thisMonth() {
        return YearMonth.now(ZoneId.of("Asia/Shanghai")).toString();
    }

    @Test
    void onlyTheIssuingBureauFollowsItsBatch() throws Exception {
        mvc.perform(get("/api/issuance/" + thisMonth())).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/issuance/" + thisMonth()).with(httpBasic("bureau", "demo"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.month").value(thisMonth()))
                .andExpect(jsonPath("$.status").isString())
                .andExpect(jsonPath("$.total").isNumber())
                .andExpect(jsonPath("$.generated").isNumber())
                .andExpect(jsonPath("$.waitingForPhoto").isNumber())
                .andExpect(jsonPath("$.failed").isNumber())
                .andExpect(jsonPath("$.releaseOn").value(YearMonth.now(ZoneId.of("Asia/Shanghai")).plusMonths(1)
                        .atDay(15).toString()));
        for (String other : new String[] {"employer", "holder", "supervisor", "operator"}) {
            mvc.perform(get("/api/issuance/" + thisMonth()).with(httpBasic(other, "demo")))
                    .andExpect(status().isForbidden()).andExpect(jsonPath("$.code").value("issuance.bureau-only"));
            mvc.perform(post("/api/issuance/" + thisMonth()).with(httpBasic(other, "demo")))
                    .andExpect(status().isForbidden());
        }
    }

    @Test
    void badMonthsAndMissingBatchesAreRefusedInTheCallersLanguage() throws Exception {
        mvc.perform(get("/api/issuance/2026-13").with(httpBasic("bureau", "demo"))).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("issuance.month-invalid"))
                .andExpect(jsonPath("$.message").value("月份格式应为 yyyy-MM，例如 2026-11。"));
        mvc.perform(get("/api/issuance/nov").header("Accept-Language", "en").with(httpBasic("bureau", "demo")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message").value("The month must be written yyyy-MM, for example 2026-11."));
        mvc.perform(post("/api/issuance/2099-01").with(httpBasic("bureau", "demo")))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("issuance.month-future"));
        mvc.perform(post("/api/issuance/2001-01/exclusions").with(httpBasic("bureau", "demo"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"applicationId\": 1, \"reason\": \"材料不符\"}"))
                .andExpect(status().isNotFound()).andExpect(jsonPath("$.code").value("issuance.batch-not-found"));
        mvc.perform(post("/api/issuance/2001-01/approval").with(httpBasic("bureau", "demo"))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"grantDate\": \"2001-01-20\", \"grantAuthority\": \"某局\", \"documentNumber\": \"1号\"}"))
                .andExpect(status().isNotFound());
    }

    @Test
    void theDemoOutboxIsForTheAdministratorOnly() throws Exception {
        mvc.perform(get("/api/admin/outbox").with(httpBasic("admin", "demo"))).andExpect(status().isOk())
                .andExpect(jsonPath("$").isArray());
        mvc.perform(get("/api/admin/outbox").with(httpBasic("bureau", "demo"))).andExpect(status().isForbidden());
        mvc.perform(get("/api/admin/outbox")).andExpect(status().isUnauthorized());
    }

    @Test
    void beforeReleaseDayTheHolderSeesTheCertificateAsPendingAndCannotDownloadIt() throws Exception {
        long personId = accounts.findByUsername("holder").orElseThrow().personId();
        long bureau = organisations.findByCode("TJ-HRSS").orElseThrow().id();
        LocalDate releaseOn = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(20);
        String number = issuer.issue(new CertificateRequest("test:pending:" + System.nanoTime(), null, personId,
                AcquisitionPath.SELF_APPOINTMENT, ReviewType.SELF, "工程技术", "电子信息", "正高级工程师", TitleLevel.SENIOR,
                LocalDate.of(2026, 9, 1), "天津滨海电子科技有限公司", null, "天津滨海电子科技有限公司", null,
                "天津市人力资源和社会保障局", "津人社职〔2026〕200号", LocalDate.of(2026, 10, 16), bureau, releaseOn), "test")
                .certificate().number();
        mvc.perform(get("/api/certificates/" + number).with(httpBasic("holder", "demo"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.released").value(false))
                .andExpect(jsonPath("$.releaseOn").value(releaseOn.toString()));
        String refusal = mvc.perform(get("/api/certificates/" + number + "/pdf").with(httpBasic("holder", "demo")))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.code").value("certificate.not-released"))
                .andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(refusal).contains(releaseOn.toString());
        mvc.perform(get("/api/certificates/" + number + "/pdf").with(httpBasic("employer", "demo")))
                .andExpect(status().isOk());
    }
}
