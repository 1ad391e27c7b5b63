package cn.titlecert.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import com.jayway.jsonpath.JsonPath;

import cn.titlecert.TestData;
import cn.titlecert.TestIdNumbers;
import cn.titlecert.audit.AuditEntry;
import cn.titlecert.audit.AuditMapper;
import cn.titlecert.certificate.CertificateMapper;
import cn.titlecert.certificate.CertificateStatus;
import cn.titlecert.organisation.OrganisationService;
import cn.titlecert.person.PhotoMapper;
import cn.titlecert.person.TestPhotos;
import cn.titlecert.security.UserAccountMapper;
import cn.titlecert.verification.IssuedCertificates;

/**
 * Corrections through the API as the demo accounts use them: the holder asks with evidence, the supervisory
 * department and the bureau decide, the reissue job runs, and the old certificate's verification names the new one.
 * Every refusal changes nothing.
 */
@SpringBootTest
@AutoConfigureMockMvc
class CorrectionApiTest {

    private static final byte[] PDF = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    @Autowired MockMvc mvc;
    @Autowired IssuedCertificates issued;
    @Autowired CertificateMapper certificates;
    @Autowired TestData testData;
    @Autowired OrganisationService organisations;
    @Autowired PhotoMapper photos;
    @Autowired AuditMapper audit;
    @Autowired UserAccountMapper accounts;
    @Autowired ManagementService management;
    @Autowired JdbcTemplate jdbc;
    @Autowired cn.titlecert.person.PersonService persons;
    @Autowired cn.titlecert.security.AccountService accountService;

    private IssuedCertificates.Issued holdersCertificate() {
        return issued.issue(accounts.findByUsername("holder").orElseThrow().personId());
    }

    private IssuedCertificates.Issued staffCertificate() {
        return issued.issue(issued.personWithPhoto("更正丙").id());
    }

    private static MockHttpServletRequestBuilder ask(String number, String json) {
        return post("/api/certificates/{number}/corrections", number).contentType(MediaType.APPLICATION_JSON).content(json);
    }

    private static MockHttpServletRequestBuilder decide(long id, String json) {
        return post("/api/corrections/{id}/decision", id).contentType(MediaType.APPLICATION_JSON).content(json);
    }

    private int corrections() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM certificate_correction", Integer.class);
    }

    @Test
    void theHolderAsksWithEvidenceAndTheCorrectedCertificateSupersedesTheOld() throws Exception {
        IssuedCertificates.Issued cert = holdersCertificate();
        String number = cert.certificate().number();
        String evidence = Base64.getEncoder().encodeToString(PDF);
        String created = mvc.perform(ask(number, """
                {"changes": {"titleSpecialty": "集成电路设计"}, "reason": "专业名称与评审结果不符",
                 "evidence": [{"fileName": "../../etc/评审结果.pdf", "contentBase64": "%s"}]}""".formatted(evidence))
                .with(httpBasic("holder", "demo")))
                .andExpect(status().isCreated()).andExpect(header().string("Location", containsString("/api/corrections/")))
                .andExpect(jsonPath("$.status").value("IN_REVIEW"))
                .andExpect(jsonPath("$.kind").value("CORRECTION"))
                .andExpect(jsonPath("$.waitingFor").value("天津市工业和信息化局"))
                .andExpect(jsonPath("$.changes.titleSpecialty").value("集成电路设计"))
                .andExpect(jsonPath("$.evidence[0].fileName").value("评审结果.pdf"))
                .andExpect(jsonPath("$.evidence[0].contentType").value("application/pdf"))
                .andReturn().getResponse().getContentAsString();
        long id = ((Number) JsonPath.read(created, "$.id")).longValue();
        long evidenceId = ((Number) JsonPath.read(created, "$.evidence[0].id")).longValue();

        mvc.perform(ask(number, "{\"changes\": {\"titleName\": \"高级工程师\"}, \"reason\": \"再次\"}")
                .with(httpBasic("holder", "demo"))).andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("correction.already-open"));

        // Who sees it: the holder, the employer, the supervisory department and the bureau; not the exam agency.
        for (String user : new String[] {"holder", "employer", "supervisor", "bureau"}) {
            mvc.perform(get("/api/corrections/{id}", id).with(httpBasic(user, "demo"))).andExpect(status().isOk());
        }
        mvc.perform(get("/api/corrections/{id}", id).with(httpBasic("exam", "demo"))).andExpect(status().isNotFound());
        mvc.perform(get("/api/corrections").with(httpBasic("supervisor", "demo")))
                .andExpect(jsonPath("$[?(@.id == " + id + ")]").exists());
        mvc.perform(get("/api/corrections/{id}/evidence/{e}", id, evidenceId).with(httpBasic("bureau", "demo")))
                .andExpect(status().isOk()).andExpect(header().string("Content-Type", "application/pdf"))
                .andExpect(header().string("Content-Disposition", containsString("attachment")));
        assertThat(audit.findByEntity("correction", String.valueOf(id))).extracting(AuditEntry::action)
                .contains("CORRECTION_EVIDENCE_READ");
        mvc.perform(get("/api/corrections/{id}/evidence/{e}", id, evidenceId).with(httpBasic("exam", "demo")))
                .andExpect(status().isNotFound());

        // Decisions: the employer may look but not decide; the supervisory department, then the bureau.
        mvc.perform(decide(id, "{\"decision\":\"APPROVE\"}").with(httpBasic("employer", "demo")))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.code").value("correction.not-your-step"));
        mvc.perform(decide(id, "{\"decision\":\"APPROVE\"}").with(httpBasic("bureau", "demo")))
                .andExpect(status().isForbidden());
        mvc.perform(decide(id, "{\"decision\":\"MAYBE\"}").with(httpBasic("supervisor", "demo")))
                .andExpect(status().isBadRequest());
        mvc.perform(decide(id, "{\"decision\":\"APPROVE\"}").with(httpBasic("supervisor", "demo")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("AT_BUREAU"));
        mvc.perform(decide(id, "{\"decision\":\"REJECT\"}").with(httpBasic("bureau", "demo")))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("decision.reason-required"));
        mvc.perform(decide(id, "{\"decision\":\"APPROVE\"}").with(httpBasic("bureau", "demo")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("APPROVED"));

        String instance = jdbc.queryForObject("SELECT process_instance_id FROM certificate_correction WHERE id = ?",
                String.class, id);
        Job job = management.createJobQuery().processInstanceId(instance).singleResult();
        management.executeJob(job.getId());

        String done = mvc.perform(get("/api/corrections/{id}", id).with(httpBasic("holder", "demo")))
                .andExpect(jsonPath("$.status").value("REISSUED")).andReturn().getResponse().getContentAsString();
        String fresh = JsonPath.read(done, "$.newCertificateNumber");
        assertThat(certificates.findByNumber(number).orElseThrow().status()).isEqualTo(CertificateStatus.SUPERSEDED);
        mvc.perform(get("/api/public/verify/{token}", cert.token()))
                .andExpect(jsonPath("$.certificate.status").value("SUPERSEDED"))
                .andExpect(jsonPath("$.certificate.supersededBy").value(fresh));
        mvc.perform(get("/verify/{token}", cert.token()))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                        .string(containsString(fresh)));
        mvc.perform(get("/api/certificates/{number}", fresh).with(httpBasic("holder", "demo")))
                .andExpect(jsonPath("$.titleSpecialty").value("集成电路设计"))
                .andExpect(jsonPath("$.status").value("VALID")).andExpect(jsonPath("$.released").value(true));
        mvc.perform(get("/api/certificates/{number}/pdf", fresh).with(httpBasic("holder", "demo")))
                .andExpect(status().isOk()).andExpect(header().string("Content-Type", "application/pdf"));
    }

    @Test
    void afterTheIdNumberIsCorrectedEachCertificateVerifiesWithTheNumberItPrints() throws Exception {
        IssuedCertificates.Issued cert = staffCertificate();
        String number = cert.certificate().number();
        String before = cert.certificate().holderIdMasked();
        assertThat(before).isNotNull().contains("*");
        // A mistyped sequence number: same region, birth date and gender, another person's number.
        String old = persons.idNumberOf(cert.certificate().personId()).value();
        String sequence = old.substring(14, 16).equals("01") ? "02" : "01";
        String corrected = TestIdNumbers.withCheckDigit(old.substring(0, 14) + sequence + old.charAt(16));
        String created = mvc.perform(ask(number, "{\"changes\": {\"idNumber\": \"" + corrected + "\"}, \"reason\": \"证件号码录入有误\"}")
                .with(httpBasic("employer", "demo"))).andExpect(status().isCreated()).andReturn().getResponse()
                .getContentAsString();
        long id = ((Number) JsonPath.read(created, "$.id")).longValue();
        mvc.perform(decide(id, "{\"decision\":\"APPROVE\"}").with(httpBasic("supervisor", "demo"))).andExpect(status().isOk());
        mvc.perform(decide(id, "{\"decision\":\"APPROVE\"}").with(httpBasic("bureau", "demo"))).andExpect(status().isOk());
        String instance = jdbc.queryForObject("SELECT process_instance_id FROM certificate_correction WHERE id = ?",
                String.class, id);
        management.executeJob(management.createJobQuery().processInstanceId(instance).singleResult().getId());
        String fresh = JsonPath.read(mvc.perform(get("/api/corrections/{id}", id).with(httpBasic("employer", "demo")))
                .andExpect(jsonPath("$.status").value("REISSUED")).andReturn().getResponse().getContentAsString(),
                "$.newCertificateNumber");

        // The superseded certificate still shows the number it printed; the new one the corrected number.
        String after = corrected.substring(0, 4) + "**********" + corrected.substring(14);
        assertThat(after).isNotEqualTo(before);
        assertThat(before).isEqualTo(old.substring(0, 4) + "**********" + old.substring(14));
        mvc.perform(get("/api/public/verify/{token}", cert.token()))
                .andExpect(jsonPath("$.certificate.status").value("SUPERSEDED"))
                .andExpect(jsonPath("$.certificate.idNumber").value(before));
        assertThat(certificates.findByNumber(fresh).orElseThrow().holderIdMasked()).isEqualTo(after);
    }

    @Test
    void badRequestsAreRefusedInWordsAndWriteNothing() throws Exception {
        IssuedCertificates.Issued cert = staffCertificate();
        String number = cert.certificate().number();
        int before = corrections();
        String wrongId = TestIdNumbers.withWrongCheckDigit(TestIdNumbers.randomResidentId());
        Object[][] refused = {
                {"{\"changes\": {\"colour\": \"红\"}, \"reason\": \"r\"}", "correction.unknown-field"},
                {"{\"changes\": {\"titleName\": \"工程师\"}, \"reason\": \"r\"}", "correction.unchanged"},
                {"{\"changes\": {\"obtainedOn\": \"2026-02-30\"}, \"reason\": \"r\"}", "correction.date-invalid"},
                {"{\"changes\": {\"obtainedOn\": \"2099-01-01\"}, \"reason\": \"r\"}", "correction.date-invalid"},
                {"{\"changes\": {\"titleLevel\": \"GRAND\"}, \"reason\": \"r\"}", "correction.value-invalid"},
                {"{\"changes\": {\"idNumber\": \"" + wrongId + "\"}, \"reason\": \"r\"}", "id-number.check-digit"},
                {"{\"changes\": {}, \"reason\": \"r\"}", "correction.changes-required"},
                {"{\"changes\": {\"titleName\": \"高级工程师\"}}", "correction.reason-required"},
                {"{\"kind\": \"REISSUE\", \"reason\": \"纸质证书遗失\"}", "correction.already-electronic"},
                {"{\"kind\": \"LOST\", \"reason\": \"r\"}", "correction.kind-unknown"},
                {"{\"changes\": {\"titleName\": \"高级工程师\"}, \"reason\": \"r\", \"evidence\": [{\"fileName\": \"a.pdf\", \"contentBase64\": \""
                        + Base64.getEncoder().encodeToString("not a pdf".getBytes()) + "\"}]}", "correction.evidence-type"},
                {"{\"changes\": {\"titleName\": \"高级工程师\"}, \"reason\": \"r\", \"evidence\": [{\"fileName\": \"a.pdf\", \"contentBase64\": \"@@@\"}]}",
                        "correction.evidence-invalid"},
        };
        for (Object[] r : refused) {
            String body = mvc.perform(ask(number, (String) r[0]).with(httpBasic("employer", "demo")))
                    .andReturn().getResponse().getContentAsString();
            assertThat(body).as((String) r[0]).contains("\"code\":\"" + r[1]);
        }
        mvc.perform(ask(number, "{\"changes\": {\"titleName\": \"高级工程师\"}, \"reason\": \"r\"}")
                .with(httpBasic("bureau", "demo"))).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("correction.not-allowed"));
        mvc.perform(ask(number, "{\"changes\": {\"titleName\": \"高级工程师\"}, \"reason\": \"r\"}")
                .with(httpBasic("holder", "demo"))).andExpect(status().isNotFound()); // not the holder's own
        assertThat(corrections()).isEqualTo(before);
    }

    @Test
    void theEmployerAsksThroughTheFormWithFiles() throws Exception {
        IssuedCertificates.Issued cert = staffCertificate();
        MockMultipartFile scan = new MockMultipartFile("evidence", "批准文件.jpg", "image/jpeg",
                TestPhotos.jpeg(TestPhotos.WHITE));
        MockMultipartFile fake = new MockMultipartFile("evidence", "fake.jpg", "image/jpeg", "GIF89a....".getBytes());
        int before = corrections();
        mvc.perform(multipart("/api/certificates/{number}/corrections", cert.certificate().number()).file(fake)
                .param("reason", "批准文号有误").param("change.approvalDocNumber", "津人社职〔2026〕18号")
                .with(httpBasic("employer", "demo"))).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("correction.evidence-type"));
        assertThat(corrections()).isEqualTo(before);
        mvc.perform(multipart("/api/certificates/{number}/corrections", cert.certificate().number()).file(scan)
                .param("reason", "批准文号有误").param("change.approvalDocNumber", "津人社职〔2026〕18号")
                .param("change.titleName", "").with(httpBasic("employer", "demo")).with(csrf()))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.changes.approvalDocNumber").value("津人社职〔2026〕18号"))
                .andExpect(jsonPath("$.changes.titleName").doesNotExist())
                .andExpect(jsonPath("$.evidence[0].contentType").value("image/jpeg"));
    }

    @Test
    void aLostPaperCertificateIsReissuedAsAnElectronicOneFromTheRecords() throws Exception {
        String idNumber = HistoricalSheets.idNumber();
        String paper = HistoricalSheets.number();
        mvc.perform(multipart("/api/imports/certificates").file(new MockMultipartFile("file", "历史证书.xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                HistoricalSheets.workbook(HistoricalSheets.old("遗失甲", idNumber, paper))))
                .with(httpBasic("bureau", "demo"))).andExpect(status().isCreated());
        long personId = jdbc.queryForObject("SELECT person_id FROM certificate WHERE number = ?", Long.class, paper);
        String username = "lost" + Long.toString(System.nanoTime(), 36);
        accountService.create(username, "遗失甲", "paper-lost-1", java.util.Set.of(cn.titlecert.security.Role.HOLDER),
                organisations.findByCode("TJ-HRSS").orElseThrow().id(), personId);
        byte[] jpeg = TestPhotos.jpeg(TestPhotos.ID_RED);
        photos.insert(new cn.titlecert.person.Photo(null, personId, "image/jpeg", jpeg.length, 390, 500, "0".repeat(64),
                true, "test", java.time.Instant.now()), jpeg, new cn.titlecert.persistence.GeneratedKey());
        mvc.perform(get("/api/certificates/{n}/pdf", paper).with(httpBasic(username, "paper-lost-1")))
                .andExpect(status().is4xxClientError());

        String created = mvc.perform(ask(paper, "{\"kind\": \"REISSUE\", \"reason\": \"纸质证书遗失，申请补办电子证书\"}")
                .with(httpBasic(username, "paper-lost-1"))).andExpect(status().isCreated())
                .andExpect(jsonPath("$.kind").value("REISSUE"))
                // The imported person has no employer on record, so no approving unit: the bureau decides alone.
                .andExpect(jsonPath("$.status").value("AT_BUREAU"))
                .andReturn().getResponse().getContentAsString();
        long id = ((Number) JsonPath.read(created, "$.id")).longValue();
        mvc.perform(decide(id, "{\"decision\":\"APPROVE\"}").with(httpBasic("bureau", "demo")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("APPROVED"));
        String instance = jdbc.queryForObject("SELECT process_instance_id FROM certificate_correction WHERE id = ?",
                String.class, id);
        management.executeJob(management.createJobQuery().processInstanceId(instance).singleResult().getId());

        String done = mvc.perform(get("/api/corrections/{id}", id).with(httpBasic(username, "paper-lost-1")))
                .andExpect(jsonPath("$.status").value("REISSUED")).andReturn().getResponse().getContentAsString();
        String electronic = JsonPath.read(done, "$.newCertificateNumber");
        assertThat(electronic).isNotEqualTo(paper).startsWith("B");
        assertThat(certificates.findByNumber(paper).orElseThrow().status()).isEqualTo(CertificateStatus.SUPERSEDED);
        mvc.perform(get("/api/certificates/{n}", electronic).with(httpBasic(username, "paper-lost-1")))
                .andExpect(jsonPath("$.titleName").value("高级工程师"))
                .andExpect(jsonPath("$.approvalDocNumber").value("津人社职〔2015〕12号"));
        mvc.perform(get("/api/certificates/{n}/pdf", electronic).with(httpBasic(username, "paper-lost-1")))
                .andExpect(status().isOk()).andExpect(header().string("Content-Type", "application/pdf"));
    }
}
