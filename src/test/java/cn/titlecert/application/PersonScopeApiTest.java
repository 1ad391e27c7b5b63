package cn.titlecert.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import com.jayway.jsonpath.JsonPath;

import cn.titlecert.TestData;
import cn.titlecert.TestIdNumbers;
import cn.titlecert.organisation.Organisation;
import cn.titlecert.organisation.OrganisationService;
import cn.titlecert.person.Person;
import cn.titlecert.person.PersonService;
import cn.titlecert.person.TestPhotos;

/**
 * Staff submit only for the people they are responsible for, and submitting or reviewing an application opens none
 * of the person's own records (photo, credit archive) to them.
 */
@SpringBootTest
@AutoConfigureMockMvc
class PersonScopeApiTest {

    private static final String REFUSAL = "该人员属于其他单位，本单位不能为其提交申请。请由本人通过个人账户申请，或由发证机关（人力资源社会保障部门）办理。";

    @Autowired MockMvc mvc;
    @Autowired TestData data;
    @Autowired OrganisationService organisations;
    @Autowired PersonService persons;
    @Autowired JdbcTemplate jdbc;
    @Autowired HistoryService history;
    @Autowired ApplicationMapper applications;

    private final String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();

    private Organisation org(String code) {
        return organisations.findByCode(code).orElseThrow();
    }

    private String idNumber(Person person) {
        return persons.idNumberOf(person.id()).value();
    }

    private static String person(String name, String idNumber) {
        return "{\"name\":\"" + name + "\",\"idType\":\"RESIDENT_ID\",\"idNumber\":\"" + idNumber + "\"}";
    }

    private static String title(String name) {
        return "{\"series\":\"工程技术\",\"specialty\":\"电子信息\",\"name\":\"" + name + "\",\"level\":\"INTERMEDIATE\"}";
    }

    private String selfAppointment(String person, Organisation employer) {
        return "{\"path\":\"SELF_APPOINTMENT\",\"person\":" + person + ",\"title\":" + title("工程师")
                + ",\"obtainedOn\":\"2026-09-01\"" + (employer == null ? "" : ",\"employerId\":" + employer.id()) + "}";
    }

    private String committeeResult(String person, Organisation employer) {
        return "{\"path\":\"SOCIAL_REVIEW\",\"person\":" + person + ",\"title\":" + title("高级工程师")
                + ",\"obtainedOn\":\"" + today + "\"" + (employer == null ? "" : ",\"employerId\":" + employer.id())
                + ",\"reviewBodyId\":" + org("TJ-CMT-DZXX").id() + ",\"resultsFiledOn\":\"" + today + "\"}";
    }

    private String examResult(String person, Organisation employer) {
        return "{\"path\":\"EXAM_IN_LIEU\",\"person\":" + person + ",\"title\":" + title("经济师")
                + ",\"obtainedOn\":\"" + today + "\",\"employerId\":" + employer.id() + "}";
    }

    private ResultActions submit(String user, String body) throws Exception {
        return mvc.perform(post("/api/applications").with(httpBasic(user, "demo"))
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private long submitted(String user, String body) throws Exception {
        String answer = submit(user, body).andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return JsonPath.parse(answer).read("$.id", Long.class);
    }

    private String refused(String user, String body) throws Exception {
        return submit(user, body).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("application.person-elsewhere"))
                .andExpect(jsonPath("$.message").value(REFUSAL))
                .andReturn().getResponse().getContentAsString();
    }

    private ResultActions putPhoto(long personId, String user) throws Exception {
        return mvc.perform(multipart(HttpMethod.PUT, "/api/persons/" + personId + "/photo")
                .file(new MockMultipartFile("photo", "photo.jpg", "image/jpeg", TestPhotos.jpeg(TestPhotos.ID_BLUE)))
                .with(httpBasic(user, "demo")));
    }

    private ResultActions getPhoto(long personId, String user) throws Exception {
        return mvc.perform(get("/api/persons/" + personId + "/photo").with(httpBasic(user, "demo")));
    }

    private long creditRecord(String idNumber) throws Exception {
        String answer = mvc.perform(post("/api/credit-records").with(httpBasic("bureau", "demo"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"idNumber\":\"" + idNumber + "\",\"kind\":\"RENTING\","
                        + "\"facts\":\"将职称证书挂靠于某公司。\",\"evidenceReference\":\"津人社稽〔2026〕7号\","
                        + "\"decision\":\"WARNING\",\"decidedOn\":\"2026-11-01\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return JsonPath.parse(answer).read("$.id", Long.class);
    }

    private int count(String sql, Object... args) {
        return jdbc.queryForObject(sql, Integer.class, args);
    }

    /** What a submission writes: application rows, process instances, submission audit entries, persons. */
    private long[] written() {
        return new long[] {count("SELECT COUNT(*) FROM application"), history.createHistoricProcessInstanceQuery().count(),
                count("SELECT COUNT(*) FROM audit_log WHERE action = 'APPLICATION_SUBMITTED'"),
                count("SELECT COUNT(*) FROM person")};
    }

    @Test
    void anEmployerCannotAttachAnotherEmployersStaffNorReachTheirPhotoOrCreditRecord() throws Exception {
        Organisation hospital = org("TJ-EMP-YZX");
        Person other = data.person("孙外院", hospital);
        String otherId = idNumber(other);
        putPhoto(other.id(), "bureau").andExpect(status().isOk());
        long record = creditRecord(otherId);
        Person nowhere = data.person("钱无单位", null);
        long[] before = written();

        // The same answer whether the name matches the record or not, and for someone employed nowhere.
        String matching = refused("employer", selfAppointment(person("孙外院", otherId), org("TJ-EMP-BHDZ")));
        assertThat(refused("employer", selfAppointment(person("孙某某", otherId), org("TJ-EMP-BHDZ"))))
                .isEqualTo(matching);
        assertThat(refused("employer", selfAppointment(person("钱无单位", idNumber(nowhere)), org("TJ-EMP-BHDZ"))))
                .isEqualTo(matching);
        assertThat(refused("employer", "{\"path\":\"COMMISSIONED_REVIEW\",\"person\":" + person("孙外院", otherId)
                + ",\"title\":" + title("高级工程师") + ",\"obtainedOn\":\"2026-09-01\",\"employerId\":"
                + org("TJ-EMP-BHDZ").id() + ",\"reviewBodyName\":\"工业和信息化部电子信息高级评委会\"}")).isEqualTo(matching);
        mvc.perform(post("/api/applications").with(httpBasic("employer", "demo")).header("Accept-Language", "en")
                .contentType(MediaType.APPLICATION_JSON)
                .content(selfAppointment(person("孙外院", otherId), org("TJ-EMP-BHDZ"))))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.message").value("This person belongs to another organisation, so you cannot submit "
                        + "an application for them. The application goes through the person's own account or the issuing "
                        + "bureau."));
        // Nothing about the person or their organisation in the answer.
        assertThat(matching).doesNotContain("孙外院").doesNotContain(hospital.name()).doesNotContain(hospital.code())
                .doesNotContain(otherId.substring(0, 6)).doesNotContain(other.idNumberMasked());

        // Nothing written: no application, no process, no submission in the audit trail, the person as they were.
        assertThat(written()).containsExactly(before);
        assertThat(persons.find(other.id()).orElseThrow().employerId()).isEqualTo(hospital.id());
        assertThat(count("SELECT COUNT(*) FROM application WHERE person_id = ?", other.id())).isZero();

        // And the employer still reaches neither the person's photo nor their credit record.
        getPhoto(other.id(), "employer").andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("person.not-found"));
        putPhoto(other.id(), "employer").andExpect(status().isNotFound());
        mvc.perform(get("/api/persons/" + other.id() + "/credit-records").with(httpBasic("employer", "demo")))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/credit-records/" + record).with(httpBasic("employer", "demo")))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/persons/" + other.id()).with(httpBasic("employer", "demo")))
                .andExpect(status().isNotFound());
    }

    @Test
    void anEmployerSubmitsForItsOwnStaffAndForNewPeople() throws Exception {
        Organisation electronics = org("TJ-EMP-BHDZ");
        Person mine = data.person("周本厂", electronics);
        long forMine = submitted("employer", selfAppointment(person("周本厂", idNumber(mine)), electronics));
        assertThat(applications.findById(forMine).orElseThrow().personId()).isEqualTo(mine.id());
        // Its own staff: a wrong name is named as such.
        submit("employer", "{\"path\":\"COMMISSIONED_REVIEW\",\"person\":" + person("周别名", idNumber(mine))
                + ",\"title\":" + title("高级工程师") + ",\"obtainedOn\":\"2026-09-01\",\"employerId\":" + electronics.id()
                + ",\"reviewBodyName\":\"工业和信息化部电子信息高级评委会\"}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("application.person-name-mismatch"));

        // Someone new is registered as the employer's staff, whose photo the employer then collects.
        String fresh = TestIdNumbers.randomResidentId();
        long forNew = submitted("employer", selfAppointment(person("吴新人", fresh), electronics));
        long newPerson = applications.findById(forNew).orElseThrow().personId();
        assertThat(persons.find(newPerson).orElseThrow().employerId()).isEqualTo(electronics.id());
        putPhoto(newPerson, "employer").andExpect(status().isOk());
        getPhoto(newPerson, "employer").andExpect(status().isOk());
    }

    @Test
    void aCommitteeResultForAnotherEmployersPersonOpensNeitherTheirPhotoNorTheirCreditRecord() throws Exception {
        Organisation hospital = org("TJ-EMP-YZX");
        Person other = data.person("郑医生", hospital);
        String otherId = idNumber(other);
        putPhoto(other.id(), "bureau").andExpect(status().isOk());
        int photoRows = count("SELECT COUNT(*) FROM photo WHERE person_id = ?", other.id());
        long record = creditRecord(otherId);

        // A result list names people of any employer: the committee registers the result for them.
        long id = submitted("committee", committeeResult(person("郑医生", otherId), hospital));
        assertThat(applications.findById(id).orElseThrow().personId()).isEqualTo(other.id());
        String view = mvc.perform(get("/api/applications/" + id).with(httpBasic("committee", "demo")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.person.idNumber").value(other.idNumberMasked()))
                .andReturn().getResponse().getContentAsString();
        assertThat(view).doesNotContain(otherId);

        // But it sees nothing more of the person: not the photo on file, which it does not replace either ...
        getPhoto(other.id(), "committee").andExpect(status().isNotFound());
        putPhoto(other.id(), "committee").andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("photo.on-file"));
        assertThat(count("SELECT COUNT(*) FROM photo WHERE person_id = ?", other.id())).isEqualTo(photoRows);
        // ... nor the credit record, nor the person.
        mvc.perform(get("/api/persons/" + other.id() + "/credit-records").with(httpBasic("committee", "demo")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.length()").value(0));
        mvc.perform(get("/api/credit-records/" + record).with(httpBasic("committee", "demo")))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/persons/" + other.id()).with(httpBasic("committee", "demo")))
                .andExpect(status().isNotFound());
        // The exam agency's verification for the same person does not either.
        submitted("exam", examResult(person("郑医生", otherId), hospital));
        getPhoto(other.id(), "exam").andExpect(status().isNotFound());
        // Their employer's side and the bureau see the photo as before.
        getPhoto(other.id(), "bureau").andExpect(status().isOk());
    }

    @Test
    void aCommitteeCollectsAMissingPhotoOnlyWhileItsResultWaitsForTheCertificate() throws Exception {
        Person other = data.person("冯候证", org("TJ-EMP-YZX"));
        getPhoto(other.id(), "committee").andExpect(status().isNotFound());
        putPhoto(other.id(), "committee").andExpect(status().isNotFound());

        long id = submitted("committee", committeeResult(person("冯候证", idNumber(other)), org("TJ-EMP-YZX")));
        // R9/R15: the organizing unit is told the photo is missing and uploads it, previews it, replaces it.
        putPhoto(other.id(), "committee").andExpect(status().isOk());
        getPhoto(other.id(), "committee").andExpect(status().isOk());
        putPhoto(other.id(), "committee").andExpect(status().isOk());

        // Once the case is issued (as the monthly cycle marks it), the committee's reach ends with it.
        applications.updateProgress(id, ApplicationStatus.ISSUED, null, today.substring(0, 7), Instant.now());
        getPhoto(other.id(), "committee").andExpect(status().isNotFound());
        putPhoto(other.id(), "committee").andExpect(status().isNotFound());
    }

    @Test
    void aCommitteeOrExamAgencyAttachesSomeoneRegisteredOnlyWithTheirEmployerAndName() throws Exception {
        Organisation hospital = org("TJ-EMP-YZX");
        Organisation electronics = org("TJ-EMP-BHDZ");
        Person other = data.person("王名单", hospital);
        String otherId = idNumber(other);
        long[] before = written();

        // A wrong name, a wrong employer, no employer: one answer, which tells none of them apart.
        String wrongName = refused("committee", committeeResult(person("王某某", otherId), hospital));
        assertThat(refused("committee", committeeResult(person("王名单", otherId), electronics))).isEqualTo(wrongName);
        assertThat(refused("committee", committeeResult(person("王名单", otherId), null))).isEqualTo(wrongName);
        Person nowhere = data.person("陈无业", null);
        assertThat(refused("committee", committeeResult(person("陈无业", idNumber(nowhere)), null))).isEqualTo(wrongName);
        assertThat(refused("exam", examResult(person("王名单", otherId), electronics))).isEqualTo(wrongName);
        assertThat(refused("exam", examResult(person("王某某", otherId), hospital))).isEqualTo(wrongName);
        assertThat(written()).containsExactly(before[0], before[1], before[2], before[3] + 1);

        // A result list is checked row by row the same way, and imported whole or not at all.
        String list = "[" + committeeResult(person("新名单", TestIdNumbers.randomResidentId()), electronics) + ","
                + committeeResult(person("王名单", otherId), electronics) + "]";
        mvc.perform(post("/api/applications/batch").with(httpBasic("committee", "demo"))
                .contentType(MediaType.APPLICATION_JSON).content(list))
                .andExpect(status().isUnprocessableEntity()).andExpect(jsonPath("$.imported").value(false))
                .andExpect(jsonPath("$.errors.length()").value(1)).andExpect(jsonPath("$.errors[0].row").value(2))
                .andExpect(jsonPath("$.errors[0].code").value("application.person-elsewhere"))
                .andExpect(jsonPath("$.errors[0].message").value(REFUSAL));
        assertThat(written()).containsExactly(before[0], before[1], before[2], before[3] + 1);

        // With their employer and their name, the result is theirs.
        mvc.perform(post("/api/applications/batch").with(httpBasic("committee", "demo"))
                .contentType(MediaType.APPLICATION_JSON).content(list.replace(
                        "\"employerId\":" + electronics.id() + ",\"reviewBodyId\"", "\"employerId\":" + hospital.id()
                                + ",\"reviewBodyId\"")))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.accepted").value(2));
        assertThat(count("SELECT COUNT(*) FROM application WHERE person_id = ?", other.id())).isEqualTo(1);
        submitted("exam", examResult(person("王名单", otherId), hospital));
    }

    @Test
    void everyOtherCheckAnswersAlikeForARegisteredAndAnUnknownNumber() throws Exception {
        Person other = data.person("蒋已登记", org("TJ-EMP-YZX"));
        String known = idNumber(other);
        String unknown = TestIdNumbers.randomResidentId();
        Organisation electronics = org("TJ-EMP-BHDZ");
        String wrongBirth = ",\"birthDate\":\"1950-01-01\"}";
        String[][] cases = {
            {"employer", selfAppointment(person("蒋已登记", "%s"), null), "application.employer-required"},
            {"employer", selfAppointment(person("蒋已登记", "%s"), org("TJ-EMP-YZX")), "organisation.not-found"},
            {"employer", selfAppointment(person("", "%s"), electronics), "person.name-required"},
            {"employer", selfAppointment(person("蒋已登记", "%s").replace("}", wrongBirth), electronics),
                    "person.birth-date-mismatch"},
            {"employer", selfAppointment(person("蒋已登记", "%s").replace("}", ",\"phone\":\"12\"}"), electronics),
                    "phone.format"},
            {"committee", committeeResult(person("蒋已登记", "%s"), electronics).replace(
                    ",\"resultsFiledOn\":\"" + today + "\"", ""), "application.results-filed-on-required"},
        };
        for (String[] c : cases) {
            String forKnown = submit(c[0], c[1].replace("%s", known)).andExpect(status().is4xxClientError())
                    .andReturn().getResponse().getContentAsString();
            String forUnknown = submit(c[0], c[1].replace("%s", unknown)).andExpect(status().is4xxClientError())
                    .andReturn().getResponse().getContentAsString();
            assertThat(forKnown).as(c[2]).isEqualTo(forUnknown);
            assertThat(JsonPath.parse(forKnown).<String>read("$.code")).as(c[2]).isEqualTo(c[2]);
        }
    }

    @Test
    void theBureauReachesThePeopleWhoseCasesItIssuesEmployedNowhere() throws Exception {
        String fresh = TestIdNumbers.randomResidentId();
        long id = submitted("committee", committeeResult(person("褚自由", fresh), null));
        long personId = applications.findById(id).orElseThrow().personId();
        putPhoto(personId, "bureau").andExpect(status().isOk());
        getPhoto(personId, "bureau").andExpect(status().isOk());
        long record = creditRecord(fresh);
        mvc.perform(get("/api/credit-records/" + record).with(httpBasic("bureau", "demo"))).andExpect(status().isOk());
        // The committee that named them collects a missing photo, but not one the bureau put on file.
        putPhoto(personId, "committee").andExpect(status().isConflict());
        getPhoto(personId, "committee").andExpect(status().isNotFound());
    }
}
