package cn.titlecert.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
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
import cn.titlecert.notification.Notification;
import cn.titlecert.notification.NotificationMapper;
import cn.titlecert.organisation.OrganisationService;
import cn.titlecert.person.IdNumber;
import cn.titlecert.person.IdType;
import cn.titlecert.person.Person;
import cn.titlecert.person.PersonService;
import cn.titlecert.verification.IssuedCertificates;

/** The credit archive's API: who may record and read, what is refused, and that nothing is ever deleted. */
@SpringBootTest
@AutoConfigureMockMvc
class CreditArchiveApiTest {

    static final byte[] PDF = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    @Autowired MockMvc mvc;
    @Autowired TestData data;
    @Autowired OrganisationService organisations;
    @Autowired PersonService persons;
    @Autowired JdbcTemplate jdbc;
    @Autowired IssuedCertificates issued;
    @Autowired NotificationMapper outbox;
    @Autowired cn.titlecert.certificate.CertificateMapper certificates;

    private Person person;
    private String idNumber;
    private Person hospitalPerson;
    private String hospitalIdNumber;

    @BeforeEach
    void people() {
        person = data.person("钱七", organisations.findByCode("TJ-EMP-BHDZ").orElseThrow());
        idNumber = persons.idNumberOf(person.id()).value();
        hospitalPerson = data.person("孙八", organisations.findByCode("TJ-EMP-YZX").orElseThrow());
        hospitalIdNumber = persons.idNumberOf(hospitalPerson.id()).value();
    }

    static String body(String idNumber, String extra) {
        return "{\"idNumber\":\"" + idNumber + "\",\"kind\":\"RENTING\",\"facts\":\"将职称证书挂靠于某公司，收取费用。\","
                + "\"evidenceReference\":\"津人社稽〔2026〕12号\",\"decision\":\"CREDIT_RECORD\",\"recordYears\":3,"
                + "\"decidedOn\":\"2026-11-01\"" + extra + "}";
    }

    private long create(String user, String json) throws Exception {
        String answer = mvc.perform(post("/api/credit-records").with(httpBasic(user, "demo"))
                .contentType(MediaType.APPLICATION_JSON).content(json))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return JsonPath.parse(answer).read("$.id", Long.class);
    }

    private int count(String sql, Object... args) {
        return jdbc.queryForObject(sql, Integer.class, args);
    }

    @Test
    void theBureauRecordsMisuseByIdNumberShownMaskedAndAudited() throws Exception {
        String answer = mvc.perform(post("/api/credit-records").with(httpBasic("bureau", "demo"))
                .contentType(MediaType.APPLICATION_JSON).content(body(idNumber, "")))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.personId").value(person.id()))
                .andExpect(jsonPath("$.personName").value("钱七"))
                .andExpect(jsonPath("$.idNumber").value(idNumber.substring(0, 4) + "**********" + idNumber.substring(14)))
                .andExpect(jsonPath("$.kind").value("RENTING"))
                .andExpect(jsonPath("$.status").value("ACTIVE"))
                .andExpect(jsonPath("$.recordedUntil").value("2029-11-01"))
                .andExpect(jsonPath("$.organisationName").value("天津市人力资源和社会保障局"))
                .andExpect(jsonPath("$.history[0].act").value("RECORDED"))
                .andReturn().getResponse().getContentAsString();
        long id = JsonPath.parse(answer).read("$.id", Long.class);
        assertThat(answer).doesNotContain(idNumber);
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE action = 'CREDIT_RECORDED' AND entity_id = ? "
                + "AND actor = 'bureau' AND detail LIKE ?", String.valueOf(id), "person=" + person.id() + ",%")).isEqualTo(1);
        // Neither the ID number nor the facts reach the audit trail; the facts are stored encrypted.
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE detail LIKE ? OR detail LIKE ?", "%" + idNumber + "%",
                "%挂靠%")).isZero();
        assertThat(count("SELECT COUNT(*) FROM credit_record WHERE id = ? AND facts_enc LIKE ?", id, "%挂靠%")).isZero();

        mvc.perform(post("/api/credit-records/search").with(httpBasic("bureau", "demo"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"idNumber\":\"" + idNumber + "\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].id").value(id)).andExpect(jsonPath("$[0].facts").value("将职称证书挂靠于某公司，收取费用。"));
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE action = 'CREDIT_RECORDS_LISTED' AND detail LIKE ?",
                "person=" + person.id() + ",%")).isEqualTo(1);
    }

    @Test
    void committeesAndSupervisorsRecordOnlyForPeopleInTheirScope() throws Exception {
        long bySupervisor = create("supervisor", body(idNumber, ""));
        // The health department's hospital is outside the industry department's tree: as unknown as nobody.
        for (String other : new String[] {hospitalIdNumber, TestIdNumbers.randomResidentId()}) {
            mvc.perform(post("/api/credit-records").with(httpBasic("supervisor", "demo"))
                    .contentType(MediaType.APPLICATION_JSON).content(body(other, "")))
                    .andExpect(status().isNotFound()).andExpect(jsonPath("$.code").value("credit.person-not-found"))
                    .andExpect(jsonPath("$.message").value("未找到该人员，或该人员不在本单位管理范围内。"));
        }
        for (String user : new String[] {"employer", "exam", "holder", "operator", "admin"}) {
            mvc.perform(post("/api/credit-records").with(httpBasic(user, "demo"))
                    .contentType(MediaType.APPLICATION_JSON).content(body(idNumber, "")))
                    .andExpect(status().isForbidden()).andExpect(jsonPath("$.code").value("forbidden"));
        }
        mvc.perform(post("/api/credit-records").contentType(MediaType.APPLICATION_JSON).content(body(idNumber, "")))
                .andExpect(status().isUnauthorized());

        // Who reads it: the recording organisation, the bureau over it, an administrator; not the committee beside it.
        for (String user : new String[] {"supervisor", "bureau", "admin"}) {
            mvc.perform(get("/api/credit-records/" + bySupervisor).with(httpBasic(user, "demo")))
                    .andExpect(status().isOk()).andExpect(jsonPath("$.recordedBy").value("supervisor"));
            mvc.perform(get("/api/persons/" + person.id() + "/credit-records").with(httpBasic(user, "demo")))
                    .andExpect(status().isOk()).andExpect(jsonPath("$[?(@.id == " + bySupervisor + ")]").isNotEmpty());
        }
        mvc.perform(get("/api/credit-records/" + bySupervisor).with(httpBasic("committee", "demo")))
                .andExpect(status().isNotFound()).andExpect(jsonPath("$.code").value("credit.not-found"));
        mvc.perform(get("/api/credit-records").param("personId", String.valueOf(person.id()))
                .with(httpBasic("committee", "demo"))).andExpect(status().isOk()).andExpect(jsonPath("$.length()").value(0));
        for (String user : new String[] {"employer", "exam", "operator"}) {
            mvc.perform(get("/api/credit-records/" + bySupervisor).with(httpBasic(user, "demo")))
                    .andExpect(status().isForbidden());
            mvc.perform(get("/api/credit-records").with(httpBasic(user, "demo"))).andExpect(status().isForbidden());
        }
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE action = 'CREDIT_RECORD_VIEWED' AND entity_id = ?",
                String.valueOf(bySupervisor))).isEqualTo(3);
    }

    @Test
    void aHolderSeesTheirOwnRecordsButNotOthersNorTheEvidence() throws Exception {
        IdNumber zhang = IdNumber.parse(IdType.RESIDENT_ID, "120101198805120014", LocalDate.of(2026, 1, 1));
        long holderPerson = persons.findByIdNumber(zhang).orElseThrow().id();
        MockMultipartFile record = new MockMultipartFile("record", "", MediaType.APPLICATION_JSON_VALUE,
                body("120101198805120014", "").getBytes(StandardCharsets.UTF_8));
        String answer = mvc.perform(multipart("/api/credit-records").file(record)
                .file(new MockMultipartFile("evidence", "调查笔录.pdf", "application/pdf", PDF))
                .with(httpBasic("bureau", "demo"))).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        long id = JsonPath.parse(answer).read("$.id", Long.class);
        long evidenceId = JsonPath.parse(answer).read("$.evidence[0].id", Long.class);
        long other = create("bureau", body(idNumber, ""));

        mvc.perform(get("/api/persons/" + holderPerson + "/credit-records").with(httpBasic("holder", "demo")))
                .andExpect(status().isOk()).andExpect(jsonPath("$[?(@.id == " + id + ")]").isNotEmpty())
                .andExpect(jsonPath("$[?(@.id == " + other + ")]").isEmpty())
                .andExpect(jsonPath("$[0].recordedBy").doesNotExist());
        mvc.perform(get("/api/credit-records").with(httpBasic("holder", "demo"))).andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.id == " + other + ")]").isEmpty());
        mvc.perform(get("/api/credit-records/" + id).with(httpBasic("holder", "demo"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.evidence.length()").value(0));
        mvc.perform(get("/api/credit-records/" + other).with(httpBasic("holder", "demo")))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/persons/" + person.id() + "/credit-records").with(httpBasic("holder", "demo")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.length()").value(0));
        mvc.perform(get("/api/credit-records/" + id + "/evidence/" + evidenceId).with(httpBasic("holder", "demo")))
                .andExpect(status().isNotFound());

        byte[] pdf = mvc.perform(get("/api/credit-records/" + id + "/evidence/" + evidenceId)
                .with(httpBasic("bureau", "demo"))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(pdf).isEqualTo(PDF);
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE action = 'CREDIT_EVIDENCE_VIEWED' AND entity_id = ?",
                String.valueOf(id))).isEqualTo(1);
        mvc.perform(get("/api/credit-records/" + id + "/evidence/" + (evidenceId + 1000))
                .with(httpBasic("bureau", "demo"))).andExpect(status().isNotFound());
    }

    @Test
    void badInputsAreRefusedAndNothingIsWritten() throws Exception {
        int before = count("SELECT COUNT(*) FROM credit_record");
        String[][] cases = {
            {"{\"kind\":\"RENTING\",\"facts\":\"x\",\"evidenceReference\":\"r\",\"decision\":\"WARNING\",\"decidedOn\":\"2026-11-01\"}", "credit.person-required"},
            {body(idNumber, "").replace("\"kind\":\"RENTING\",", ""), "credit.kind-required"},
            {body(idNumber, "").replace("将职称证书挂靠于某公司，收取费用。", " "), "credit.facts-required"},
            {body(idNumber, "").replace("将职称证书挂靠于某公司，收取费用。", "长".repeat(2001)), "credit.facts-too-long"},
            {body(idNumber, "").replace("\"decision\":\"CREDIT_RECORD\",", ""), "credit.decision-required"},
            {body(idNumber, "").replace("\"recordYears\":3,", ""), "credit.record-years"},
            {body(idNumber, "").replace("\"recordYears\":3,", "\"recordYears\":0,"), "credit.record-years"},
            {body(idNumber, "").replace(",\"decidedOn\":\"2026-11-01\"", ""), "credit.decided-on-required"},
            {body(idNumber, "").replace("2026-11-01", "2099-01-01"), "credit.decided-on-future"},
            {body(idNumber, "").replace("\"evidenceReference\":\"津人社稽〔2026〕12号\",", ""), "credit.evidence-required"},
            {body(TestIdNumbers.withWrongCheckDigit(idNumber), ""), "id-number.check-digit"},
            {body(idNumber, ",\"certificateNumber\":\"B2026120000000001\""), "credit.certificate-mismatch"},
            {body(idNumber, "").replace("RENTING", "STEALING"), "unreadable-request"},
            {"{not json", "unreadable-request"},
        };
        for (String[] c : cases) {
            mvc.perform(post("/api/credit-records").with(httpBasic("bureau", "demo"))
                    .contentType(MediaType.APPLICATION_JSON).content(c[0]))
                    .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value(c[1]));
        }
        mvc.perform(post("/api/credit-records").with(httpBasic("bureau", "demo")).header("Accept-Language", "en")
                .contentType(MediaType.APPLICATION_JSON).content(body(idNumber, "").replace("2026-11-01", "2099-01-01")))
                .andExpect(jsonPath("$.message").value("The date of the decision cannot be in the future."));

        MockMultipartFile record = new MockMultipartFile("record", "", MediaType.APPLICATION_JSON_VALUE,
                body(idNumber, "").getBytes(StandardCharsets.UTF_8));
        byte[] huge = Arrays.copyOf(PDF, 10 * 1024 * 1024 + 1);
        mvc.perform(multipart("/api/credit-records").file(record)
                .file(new MockMultipartFile("evidence", "big.pdf", "application/pdf", huge)).with(httpBasic("bureau", "demo")))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("credit.evidence-too-large"))
                .andExpect(jsonPath("$.message").value("每个证据文件不能超过 10 MB。"));
        mvc.perform(multipart("/api/credit-records").file(record)
                .file(new MockMultipartFile("evidence", "note.pdf", "application/pdf", "just text".getBytes()))
                .with(httpBasic("bureau", "demo")))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("credit.evidence-type"));
        mvc.perform(multipart("/api/credit-records")
                .file(new MockMultipartFile("evidence", "e.pdf", "application/pdf", PDF)).with(httpBasic("bureau", "demo")))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("credit.record-required"));
        assertThat(count("SELECT COUNT(*) FROM credit_record")).isEqualTo(before);
        assertThat(count("SELECT COUNT(*) FROM credit_evidence WHERE file_name IN ('big.pdf', 'note.pdf')")).isZero();
    }

    @Test
    void recordsAreAmendedAndWithdrawnByAuditedActsNeverDeleted() throws Exception {
        long id = create("supervisor", body(idNumber, ""));
        MockHttpServletRequestBuilder amend = post("/api/credit-records/" + id + "/amendments")
                .contentType(MediaType.APPLICATION_JSON);
        mvc.perform(amend.with(httpBasic("supervisor", "demo")).content("{\"decision\":\"WARNING\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("credit.reason-required"));
        mvc.perform(post("/api/credit-records/" + id + "/amendments").contentType(MediaType.APPLICATION_JSON)
                .with(httpBasic("supervisor", "demo")).content("{\"kind\":\"RENTING\",\"reason\":\"复核\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("credit.nothing-changed"));
        mvc.perform(post("/api/credit-records/" + id + "/amendments").contentType(MediaType.APPLICATION_JSON)
                .with(httpBasic("supervisor", "demo")).content("{\"evidenceReference\":\"\",\"reason\":\"复核\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("credit.evidence-required"));
        mvc.perform(post("/api/credit-records/" + id + "/amendments").contentType(MediaType.APPLICATION_JSON)
                .with(httpBasic("committee", "demo")).content("{\"decision\":\"WARNING\",\"reason\":\"复核\"}"))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/credit-records/" + id + "/amendments").contentType(MediaType.APPLICATION_JSON)
                .with(httpBasic("employer", "demo")).content("{\"decision\":\"WARNING\",\"reason\":\"复核\"}"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/credit-records/" + id + "/amendments").contentType(MediaType.APPLICATION_JSON)
                .with(httpBasic("bureau", "demo")).content("{\"decision\":\"WARNING\",\"reason\":\"复核后改为警告\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.decision").value("WARNING"))
                .andExpect(jsonPath("$.recordYears").doesNotExist())
                .andExpect(jsonPath("$.history[1].act").value("AMENDED"))
                .andExpect(jsonPath("$.history[1].changedFields").value("decision,recordYears"))
                .andExpect(jsonPath("$.history[1].reason").value("复核后改为警告"));

        mvc.perform(multipart("/api/credit-records/" + id + "/evidence")
                .file(new MockMultipartFile("evidence", "补充.png", "image/png",
                        new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0}))
                .with(httpBasic("supervisor", "demo")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.evidence[0].contentType").value("image/png"));

        mvc.perform(post("/api/credit-records/" + id + "/withdrawal").contentType(MediaType.APPLICATION_JSON)
                .with(httpBasic("supervisor", "demo")).content("{}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("credit.reason-required"));
        mvc.perform(post("/api/credit-records/" + id + "/withdrawal").contentType(MediaType.APPLICATION_JSON)
                .with(httpBasic("supervisor", "demo")).content("{\"reason\":\"行政复议撤销原决定\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("WITHDRAWN"))
                .andExpect(jsonPath("$.withdrawnReason").value("行政复议撤销原决定"));
        mvc.perform(post("/api/credit-records/" + id + "/withdrawal").contentType(MediaType.APPLICATION_JSON)
                .with(httpBasic("bureau", "demo")).content("{\"reason\":\"再次\"}"))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("credit.withdrawn"));
        mvc.perform(delete("/api/credit-records/" + id).with(httpBasic("bureau", "demo")))
                .andExpect(status().isMethodNotAllowed());

        assertThat(count("SELECT COUNT(*) FROM credit_record WHERE id = ?", id)).isEqualTo(1);
        for (String action : new String[] {"CREDIT_RECORDED", "CREDIT_RECORD_AMENDED", "CREDIT_EVIDENCE_ADDED",
                "CREDIT_RECORD_WITHDRAWN"}) {
            assertThat(count("SELECT COUNT(*) FROM audit_log WHERE action = ? AND entity_id = ?", action,
                    String.valueOf(id))).as(action).isEqualTo(1);
        }
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE action = 'CREDIT_RECORD_WITHDRAWN' AND entity_id = ? "
                + "AND reason = '行政复议撤销原决定'", String.valueOf(id))).isEqualTo(1);
        mvc.perform(get("/api/credit-records").param("personId", String.valueOf(person.id())).param("status", "WITHDRAWN")
                .with(httpBasic("bureau", "demo"))).andExpect(jsonPath("$[0].id").value(id));
    }

    @Test
    void aRecommendedRevocationNamesItsCertificateAndTellsTheIssuingBureau() throws Exception {
        Person holder = issued.personWithPhoto("周九");
        String number = issued.issue(holder.id()).certificate().number();
        String holderId = persons.idNumberOf(holder.id()).value();
        String recommend = body(holderId, "").replace("\"decision\":\"CREDIT_RECORD\",\"recordYears\":3,",
                "\"decision\":\"REVOCATION_RECOMMENDED\",");
        int records = count("SELECT COUNT(*) FROM credit_record");

        // Without the certificate: refused in the caller's language, nothing written, nobody told.
        mvc.perform(post("/api/credit-records").with(httpBasic("supervisor", "demo"))
                .contentType(MediaType.APPLICATION_JSON).content(recommend))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("credit.certificate-required"))
                .andExpect(jsonPath("$.message").value("建议作废证书时，请填写涉及的证书编号。"));
        assertThat(count("SELECT COUNT(*) FROM credit_record")).isEqualTo(records);

        // The supervisory department recommends it: the issuing bureau's staff get an e-mail naming certificate and
        // record (not the ID number), and the audit trail has the recommendation.
        long id = create("supervisor", recommend.replace("}", ",\"certificateNumber\":\"" + number + "\"}"));
        List<Notification> told = outbox.findRecent(50, "CREDIT_REVOCATION_RECOMMENDED").stream()
                .filter(n -> n.body().contains(number)).toList();
        assertThat(told).isNotEmpty().allSatisfy(n -> {
            assertThat(n.subject()).isEqualTo("建议作废证书 " + number);
            assertThat(n.body()).contains("记录编号 " + id).contains("周九").contains("挂证").contains("天津市工业和信息化局")
                    .doesNotContain(holderId);
        });
        assertThat(told).anySatisfy(n -> assertThat(n.recipientMasked()).startsWith("b").endsWith("@demo.titlecert.invalid"));
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE action = 'CREDIT_REVOCATION_RECOMMENDED' AND entity_id = ?"
                + " AND detail LIKE ?", number, "creditRecord=" + id + ",%")).isEqualTo(1);

        // A record amended to the recommendation tells the bureau too; amending something else does not again.
        long warned = create("supervisor", body(holderId, ",\"certificateNumber\":\"" + number + "\""));
        mvc.perform(post("/api/credit-records/" + warned + "/amendments").with(httpBasic("supervisor", "demo"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"decision\":\"REVOCATION_RECOMMENDED\",\"reason\":\"复核\"}"))
                .andExpect(status().isOk());
        assertThat(outbox.findRecent(50, "CREDIT_REVOCATION_RECOMMENDED"))
                .filteredOn(n -> n.body().contains("记录编号 " + warned + "）")).hasSameSizeAs(told);
        mvc.perform(post("/api/credit-records/" + warned + "/amendments").with(httpBasic("supervisor", "demo"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"facts\":\"挂证，另有收费记录。\",\"reason\":\"补充\"}"))
                .andExpect(status().isOk());
        assertThat(outbox.findRecent(50, "CREDIT_REVOCATION_RECOMMENDED"))
                .filteredOn(n -> n.body().contains("记录编号 " + warned + "）")).hasSameSizeAs(told);
        // Taking the certificate away from a recommendation is refused.
        mvc.perform(post("/api/credit-records/" + warned + "/amendments").with(httpBasic("supervisor", "demo"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"certificateNumber\":\" \",\"reason\":\"x\"}"))
                .andExpect(status().isBadRequest());

        // Withdrawn, the bureau hears that it is no longer asked; amended to a warning, likewise.
        mvc.perform(post("/api/credit-records/" + warned + "/withdrawal").with(httpBasic("supervisor", "demo"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"复核后不予认定\"}"))
                .andExpect(status().isOk());
        List<Notification> withdrawn = outbox.findRecent(50, "CREDIT_REVOCATION_WITHDRAWN").stream()
                .filter(n -> n.body().contains("记录编号 " + warned + "）")).toList();
        assertThat(withdrawn).hasSameSizeAs(told).allSatisfy(n -> assertThat(n.body()).contains(number)
                .contains("复核后不予认定").doesNotContain(holderId));
        mvc.perform(post("/api/credit-records/" + id + "/amendments").with(httpBasic("supervisor", "demo"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"decision\":\"WARNING\",\"reason\":\"改为警告\"}"))
                .andExpect(status().isOk());
        assertThat(outbox.findRecent(50, "CREDIT_REVOCATION_WITHDRAWN"))
                .filteredOn(n -> n.body().contains("记录编号 " + id + "）")).hasSameSizeAs(told);
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE action = 'CREDIT_REVOCATION_RECOMMENDATION_WITHDRAWN'"
                + " AND entity_id = ?", number)).isEqualTo(2);

        // A certificate the bureau can no longer revoke cannot be recommended for revocation.
        certificates.revoke(number, java.time.Instant.now(), "bureau", "test");
        mvc.perform(post("/api/credit-records").with(httpBasic("supervisor", "demo"))
                .contentType(MediaType.APPLICATION_JSON)
                .content(recommend.replace("}", ",\"certificateNumber\":\"" + number + "\"}")))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("credit.certificate-not-revocable"));
    }
}
