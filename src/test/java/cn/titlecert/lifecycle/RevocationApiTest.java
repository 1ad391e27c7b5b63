package cn.titlecert.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import cn.titlecert.TestData;
import cn.titlecert.audit.AuditEntry;
import cn.titlecert.audit.AuditMapper;
import cn.titlecert.certificate.CertificateMapper;
import cn.titlecert.certificate.CertificateStatus;
import cn.titlecert.notification.NotificationMapper;
import cn.titlecert.organisation.Organisation;
import cn.titlecert.organisation.OrganisationService;
import cn.titlecert.organisation.OrganisationType;
import cn.titlecert.person.PhotoMapper;
import cn.titlecert.security.AccountService;
import cn.titlecert.security.Role;
import cn.titlecert.verification.IssuedCertificates;

/** Revocation (R16) and reinstatement through the API: who may, what is refused, and what verifiers see at once. */
@SpringBootTest
@AutoConfigureMockMvc
class RevocationApiTest {

    @Autowired MockMvc mvc;
    @Autowired IssuedCertificates issued;
    @Autowired CertificateMapper certificates;
    @Autowired TestData testData;
    @Autowired OrganisationService organisations;
    @Autowired PhotoMapper photos;
    @Autowired AuditMapper audit;
    @Autowired NotificationMapper outbox;
    @Autowired AccountService accounts;

    private IssuedCertificates.Issued freshCertificate() {
        return issued.issue(issued.personWithPhoto("作废甲").id());
    }

    private static MockHttpServletRequestBuilder revoke(String number, String body) {
        return post("/api/certificates/{number}/revocation", number).contentType(MediaType.APPLICATION_JSON).content(body);
    }

    @Test
    void onlyTheIssuingBureauRevokesWithReasonAndRemarkAndEveryVerificationShowsItAtOnce() throws Exception {
        IssuedCertificates.Issued cert = freshCertificate();
        String number = cert.certificate().number();
        String body = "{\"reason\":\"FRAUD\",\"remark\":\"申报材料弄虚作假\"}";
        for (String user : new String[] {"holder", "employer", "supervisor", "committee", "operator"}) {
            mvc.perform(revoke(number, body).with(httpBasic(user, "demo"))).andExpect(status().isForbidden())
                    .andExpect(jsonPath("$.code").value("revocation.bureau-only"));
        }
        mvc.perform(revoke(number, body)).andExpect(status().isUnauthorized());
        mvc.perform(revoke(number, "{\"reason\":\"FRAUD\",\"remark\":\" \"}").with(httpBasic("bureau", "demo")))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("revocation.remark-required"))
                .andExpect(jsonPath("$.message").value("作废必须填写备注。"));
        mvc.perform(revoke(number, "{\"reason\":\"BORED\",\"remark\":\"备注\"}").with(httpBasic("bureau", "demo"))
                .header("Accept-Language", "en")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.containsString("BORED")));
        mvc.perform(revoke(number, "{\"reason\":\"FRAUD\",\"remark\":\"" + "长".repeat(501) + "\"}")
                .with(httpBasic("bureau", "demo"))).andExpect(status().isBadRequest());
        mvc.perform(revoke("C2026000000000099", body).with(httpBasic("bureau", "demo"))).andExpect(status().isNotFound());
        assertThat(certificates.findByNumber(number).orElseThrow().status()).as("nothing changed by refusals")
                .isEqualTo(CertificateStatus.VALID);

        mvc.perform(revoke(number, body).with(httpBasic("bureau", "demo"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("REVOKED"));
        mvc.perform(revoke(number, body).with(httpBasic("bureau", "demo"))).andExpect(status().isConflict())
                .andExpect(jsonPath("$.message").value("该证书当前状态为“已作废”，不能作废。"));

        mvc.perform(get("/api/public/verify/{token}", cert.token())).andExpect(status().isOk())
                .andExpect(jsonPath("$.certificate.status").value("REVOKED"))
                .andExpect(jsonPath("$.certificate.valid").value(false))
                .andExpect(jsonPath("$.certificate.revocationReason").value("FRAUD"));
        mvc.perform(get("/verify/{token}", cert.token())).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("此证书已作废")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("弄虚作假取得")))
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("申报材料弄虚作假"))));
        mvc.perform(get("/api/certificates/{number}", number).with(httpBasic("employer", "demo")))
                .andExpect(jsonPath("$.status").value("REVOKED"))
                .andExpect(jsonPath("$.revocationRemark").value("申报材料弄虚作假"));

        assertThat(audit.findByEntity("certificate", number)).extracting(AuditEntry::action).contains("CERTIFICATE_REVOKED");
        assertThat(audit.findByEntity("certificate", number)).filteredOn(e -> e.action().equals("CERTIFICATE_REVOKED"))
                .singleElement().satisfies(e -> {
                    assertThat(e.actor()).isEqualTo("bureau");
                    assertThat(e.reason()).isEqualTo("申报材料弄虚作假");
                });
        assertThat(outbox.findRecent(1000, "CERTIFICATE_REVOKED")).anySatisfy(n -> assertThat(n.body()).contains(number));
    }

    @Test
    void aReinstatementIsItsOwnAuditedActWithAReason() throws Exception {
        IssuedCertificates.Issued cert = freshCertificate();
        String number = cert.certificate().number();
        mvc.perform(post("/api/certificates/{number}/reinstatement", number).contentType(MediaType.APPLICATION_JSON)
                .content("{\"reason\":\"误操作\"}").with(httpBasic("bureau", "demo"))).andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("reinstatement.not-revoked"));
        mvc.perform(revoke(number, "{\"reason\":\"OTHER\",\"remark\":\"误选证书\"}").with(httpBasic("bureau", "demo")))
                .andExpect(status().isOk());
        mvc.perform(post("/api/certificates/{number}/reinstatement", number).contentType(MediaType.APPLICATION_JSON)
                .content("{\"reason\":\"误操作\"}").with(httpBasic("employer", "demo"))).andExpect(status().isForbidden());
        mvc.perform(post("/api/certificates/{number}/reinstatement", number).contentType(MediaType.APPLICATION_JSON)
                .content("{}").with(httpBasic("bureau", "demo"))).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("reinstatement.reason-required"));
        mvc.perform(post("/api/certificates/{number}/reinstatement", number).contentType(MediaType.APPLICATION_JSON)
                .content("{\"reason\":\"作废时选错了证书\"}").with(httpBasic("bureau", "demo"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("VALID"));
        mvc.perform(get("/api/public/verify/{token}", cert.token()))
                .andExpect(jsonPath("$.certificate.status").value("VALID"))
                .andExpect(jsonPath("$.certificate.revocationReason").doesNotExist());
        assertThat(audit.findByEntity("certificate", number)).extracting(AuditEntry::action)
                .containsSubsequence("CERTIFICATE_REVOKED", "CERTIFICATE_REINSTATED");
        assertThat(certificates.findRevocation(number).orElseThrow().reinstatementReason()).isEqualTo("作废时选错了证书");
    }

    @Test
    void aBureauOfAnotherTreeDoesNotSeeTheCertificate() throws Exception {
        IssuedCertificates.Issued cert = freshCertificate();
        Organisation other = testData.organisation(OrganisationType.BUREAU, null);
        String username = "rb" + Long.toString(System.nanoTime(), 36);
        accounts.create(username, "外省人社厅", "test-password-1", Set.of(Role.BUREAU), other.id(), null);
        mvc.perform(revoke(cert.certificate().number(), "{\"reason\":\"FRAUD\",\"remark\":\"越权\"}")
                .with(httpBasic(username, "test-password-1"))).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("certificate.not-found"));
        assertThat(certificates.findByNumber(cert.certificate().number()).orElseThrow().status())
                .isEqualTo(CertificateStatus.VALID);
    }

    @Test
    void theContractsRemarkAloneIsEnoughTheReasonIsThenOther() throws Exception {
        IssuedCertificates.Issued cert = freshCertificate();
        mvc.perform(revoke(cert.certificate().number(), "{\"remark\":\"持证人申请注销\"}").with(httpBasic("bureau", "demo")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("REVOKED"));
        mvc.perform(get("/api/public/verify/{token}", cert.token()))
                .andExpect(jsonPath("$.certificate.revocationReason").value("OTHER"));
    }
}
