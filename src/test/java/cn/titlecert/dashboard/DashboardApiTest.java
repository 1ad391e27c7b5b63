package cn.titlecert.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

import cn.titlecert.TestIdNumbers;
import cn.titlecert.application.AcquisitionPath;
import cn.titlecert.application.ApplicationMapper;
import cn.titlecert.application.ReviewType;
import cn.titlecert.certificate.CertificateIssuer;
import cn.titlecert.certificate.CertificateRequest;
import cn.titlecert.certificate.TitleLevel;
import cn.titlecert.issuance.BatchStatus;
import cn.titlecert.issuance.IssuanceBatch;
import cn.titlecert.issuance.IssuanceFixtures;
import cn.titlecert.issuance.IssuanceItem;
import cn.titlecert.issuance.IssuanceMapper;
import cn.titlecert.issuance.ItemStatus;
import cn.titlecert.organisation.Organisation;
import cn.titlecert.organisation.OrganisationService;
import cn.titlecert.organisation.OrganisationType;
import cn.titlecert.persistence.GeneratedKey;
import cn.titlecert.review.WorkingDayCalendar;
import cn.titlecert.security.AccountService;
import cn.titlecert.security.Role;

/**
 * The dashboard's figures against data made here for a bureau of its own (so the numbers are exact whatever else
 * the suite stored): three certificates in two months, two cases waiting at the employer, one late committee
 * upload, one case waiting for its photo in this month's batch, one incident. Then who may see it, and the exports.
 */
@SpringBootTest
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardApiTest {

    private static final String PASSWORD = "fixture-password";

    @Autowired MockMvc mvc;
    @Autowired IssuanceFixtures fixtures;
    @Autowired IssuanceMapper batches;
    @Autowired ApplicationMapper applications;
    @Autowired CertificateIssuer issuer;
    @Autowired OrganisationService organisations;
    @Autowired AccountService accounts;
    @Autowired RuntimeService runtime;
    @Autowired org.camunda.bpm.engine.TaskService tasks;
    @Autowired WorkingDayCalendar calendar;
    @Autowired JdbcTemplate jdbc;
    @Autowired TransactionTemplate transactions;
    @Autowired Clock clock;

    private IssuanceFixtures.Bureau bureau;
    private String operator;
    private YearMonth thisMonth;
    private final List<Long> employerCases = new ArrayList<>();
    private long lateCase;
    private long photoCase;
    private String incidentId;
    private String processInstanceWithIncident;

    @BeforeAll
    void knownData() throws Exception {
        thisMonth = YearMonth.now(clock.withZone(CertificateIssuer.CHINA));
        bureau = fixtures.newBureau();
        String suffix = bureau.staffUsername().substring(2);
        operator = "fo" + suffix;
        accounts.create(operator, "运维" + suffix, PASSWORD, Set.of(Role.OPERATOR), bureau.bureau().id(), null);
        accounts.create("fe" + suffix, "人事" + suffix, PASSWORD, Set.of(Role.EMPLOYER), bureau.employer().id(), null);
        Organisation committee = organisations.create("F-CMT-" + suffix, "测试评委会" + suffix, OrganisationType.COMMITTEE,
                bureau.bureau().id(), "120000");
        accounts.create("fc" + suffix, "评委会" + suffix, PASSWORD, Set.of(Role.COMMITTEE), committee.id(), null);

        // This month's batch, with one case whose holder has no photo.
        photoCase = fixtures.approvedCases(bureau, thisMonth, 1, false).get(0);
        GeneratedKey batchKey = new GeneratedKey();
        Instant now = clock.instant();
        batches.insertBatch(new IssuanceBatch(null, thisMonth.toString(), bureau.bureau().id(), BatchStatus.GENERATING,
                null, thisMonth.plusMonths(1).atDay(15), null, null, null, null, null, null, null, now), batchKey);
        batches.collect(batchKey.value(), bureau.bureau().id(), thisMonth.toString(), now);
        IssuanceItem item = batches.findItemByApplication(photoCase).orElseThrow();
        batches.updateItem(item.id(), ItemStatus.WAITING_FOR_PHOTO, null, now);

        // Three certificates: two senior self appointments this month, one intermediate exam last month.
        List<Long> withPhotos = fixtures.approvedCases(bureau, thisMonth.plusMonths(1), 3, true);
        issue(withPhotos.get(0), AcquisitionPath.SELF_APPOINTMENT, TitleLevel.SENIOR);
        issue(withPhotos.get(1), AcquisitionPath.SELF_APPOINTMENT, TitleLevel.SENIOR);
        String older = issue(withPhotos.get(2), AcquisitionPath.EXAM_IN_LIEU, TitleLevel.INTERMEDIATE);
        // In a transaction: on MySQL the pool's connections do not auto-commit.
        transactions.executeWithoutResult(s -> jdbc.update("UPDATE certificate SET issued_on = ? WHERE number = ?",
                thisMonth.minusMonths(1).atDay(10), older));

        // Two self appointments waiting at the employer; an incident on the first.
        for (int i = 0; i < 2; i++) {
            String json = mvc.perform(post("/api/applications").with(httpBasic("fe" + suffix, PASSWORD))
                    .contentType(MediaType.APPLICATION_JSON).content("{\"path\":\"SELF_APPOINTMENT\",\"person\":"
                            + person("看板" + i) + ",\"title\":{\"series\":\"工程技术\",\"specialty\":\"电子信息\",\"name\":\"工程师\","
                            + "\"level\":\"INTERMEDIATE\"},\"obtainedOn\":\"2026-09-01\",\"employerId\":"
                            + bureau.employer().id() + "}"))
                    .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
            employerCases.add(JsonPath.parse(json).read("$.id", Long.class));
        }
        // On the review's own instance (called by the acquisition process, with the application as business key).
        org.camunda.bpm.engine.task.Task review = tasks.createTaskQuery()
                .processInstanceBusinessKey(String.valueOf(employerCases.get(0))).singleResult();
        processInstanceWithIncident = review.getProcessInstanceId();
        incidentId = runtime.createIncident("dashboardTest", review.getExecutionId(), "test", "测试事件").getId();

        // A committee's results filed on 1 September 2026, uploaded today: late, and escalated to the bureau.
        String json = mvc.perform(post("/api/applications").with(httpBasic("fc" + suffix, PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content("{\"path\":\"SOCIAL_REVIEW\",\"person\":" + person("逾期")
                        + ",\"title\":{\"series\":\"工程技术\",\"specialty\":\"电子信息\",\"name\":\"高级工程师\","
                        + "\"level\":\"DEPUTY_SENIOR\"},\"obtainedOn\":\"2026-09-01\",\"employerId\":"
                        + bureau.employer().id() + ",\"reviewBodyId\":" + committee.id()
                        + ",\"resultsFiledOn\":\"2026-09-01\"}"))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.uploadedLate").value(true))
                .andReturn().getResponse().getContentAsString();
        lateCase = JsonPath.parse(json).read("$.id", Long.class);
    }

    private String issue(long applicationId, AcquisitionPath path, TitleLevel level) {
        long personId = applications.findById(applicationId).orElseThrow().personId();
        return issuer.issue(new CertificateRequest("test:dashboard:" + applicationId, null, personId, path,
                path == AcquisitionPath.EXAM_IN_LIEU ? ReviewType.EXAM_IN_LIEU : ReviewType.SELF, "工程技术", "电子信息",
                "工程师", level, LocalDate.of(2026, 9, 1), "测试单位", null, "测试单位", null, bureau.bureau().name(),
                "津人社职〔2026〕1号", LocalDate.of(2026, 10, 16), bureau.bureau().id(), LocalDate.of(2026, 12, 15)), "test")
                .certificate().number();
    }

    private org.springframework.mock.web.MockHttpSession login(String username) throws Exception {
        org.springframework.mock.web.MockHttpSession session = new org.springframework.mock.web.MockHttpSession();
        mvc.perform(post("/login").session(session).param("username", username).param("password", "demo")
                .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf()))
                .andExpect(status().is3xxRedirection());
        return session;
    }

    private static String person(String name) {
        return "{\"name\":\"" + name + "\",\"idType\":\"RESIDENT_ID\",\"idNumber\":\"" + TestIdNumbers.randomResidentId()
                + "\",\"phone\":\"" + TestIdNumbers.randomPhone() + "\"}";
    }

    @Test
    void theBureauSeesItsOwnFigures() throws Exception {
        String last = thisMonth.toString();
        String before = thisMonth.minusMonths(1).toString();
        LocalDate deadline = LocalDate.of(2026, 9, 8); // 1 September + 5 working days (2, 3, 4, 7, 8 September)
        int late = calendar.workingDaysBetween(deadline, LocalDate.now(clock.withZone(CertificateIssuer.CHINA)));
        mvc.perform(get("/api/dashboard").with(httpBasic(bureau.staffUsername(), PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.from").value(thisMonth.minusMonths(11).toString()))
                .andExpect(jsonPath("$.to").value(last))
                .andExpect(jsonPath("$.issued.total").value(3))
                .andExpect(jsonPath("$.issued.perMonth.length()").value(12))
                .andExpect(jsonPath("$.issued.perMonth[11].key").value(last))
                .andExpect(jsonPath("$.issued.perMonth[11].count").value(2))
                .andExpect(jsonPath("$.issued.perMonth[10].key").value(before))
                .andExpect(jsonPath("$.issued.perMonth[10].count").value(1))
                .andExpect(jsonPath("$.issued.perMonth[0].count").value(0))
                .andExpect(jsonPath("$.issued.perPath[?(@.key == 'SELF_APPOINTMENT')].count").value(2))
                .andExpect(jsonPath("$.issued.perPath[?(@.key == 'SELF_APPOINTMENT')].label").value("自主聘任"))
                .andExpect(jsonPath("$.issued.perPath[?(@.key == 'EXAM_IN_LIEU')].count").value(1))
                .andExpect(jsonPath("$.issued.perLevel[0].key").value("SENIOR"))
                .andExpect(jsonPath("$.issued.perLevel[0].count").value(2))
                .andExpect(jsonPath("$.issued.perLevel[1].key").value("INTERMEDIATE"))
                .andExpect(jsonPath("$.issued.rows[?(@.month == '" + last + "' && @.level == 'SENIOR')].count").value(2))
                .andExpect(jsonPath("$.backlog.total").value(2))
                .andExpect(jsonPath("$.backlog.tiers.length()").value(1))
                .andExpect(jsonPath("$.backlog.tiers[0].tier").value("EMPLOYER"))
                .andExpect(jsonPath("$.backlog.tiers[0].step").value("Task_ReviewByEmployer"))
                .andExpect(jsonPath("$.backlog.tiers[0].stepName").value("用人单位审核"))
                .andExpect(jsonPath("$.backlog.tiers[0].organisationId").value(bureau.employer().id()))
                .andExpect(jsonPath("$.backlog.tiers[0].count").value(2))
                .andExpect(jsonPath("$.backlog.tiers[0].oldestApplicationId").value(employerCases.get(0)))
                .andExpect(jsonPath("$.backlog.tiers[0].oldestWaitingDays").value(0))
                .andExpect(jsonPath("$.lateUploads.total").value(1))
                .andExpect(jsonPath("$.lateUploads.unacknowledged").value(1))
                .andExpect(jsonPath("$.lateUploads.cases[0].applicationId").value(lateCase))
                .andExpect(jsonPath("$.lateUploads.cases[0].uploadDeadline").value(deadline.toString()))
                .andExpect(jsonPath("$.lateUploads.cases[0].workingDaysLate").value(late))
                .andExpect(jsonPath("$.lateUploads.cases[0].escalationOpen").value(true))
                .andExpect(jsonPath("$.waitingForPhoto.total").value(1))
                .andExpect(jsonPath("$.waitingForPhoto.cases[0].applicationId").value(photoCase))
                .andExpect(jsonPath("$.waitingForPhoto.cases[0].issuanceMonth").value(last))
                .andExpect(jsonPath("$.currentCycle.length()").value(1))
                .andExpect(jsonPath("$.currentCycle[0].bureauId").value(bureau.bureau().id()))
                .andExpect(jsonPath("$.currentCycle[0].status").value("GENERATING"))
                .andExpect(jsonPath("$.currentCycle[0].total").value(1))
                .andExpect(jsonPath("$.currentCycle[0].waitingForPhoto").value(1))
                .andExpect(jsonPath("$.failedJobs.total").value(1))
                .andExpect(jsonPath("$.failedJobs.jobs[0].incidentId").value(incidentId))
                .andExpect(jsonPath("$.failedJobs.jobs[0].processInstanceId").value(processInstanceWithIncident))
                .andExpect(jsonPath("$.failedJobs.jobs[0].processDefinitionKey").value("tiered-review"));
        assertThat(calendar.workingDaysBetween(deadline, LocalDate.of(2026, 11, 23))).as("sanity of the figure").isPositive();
    }

    @Test
    void anotherBureauSeesNoneOfItAndTheOperatorSeesEveryIncident() throws Exception {
        mvc.perform(get("/api/dashboard").with(httpBasic("bureau", "demo"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.failedJobs.jobs[*].incidentId", not(hasItem(incidentId))))
                .andExpect(jsonPath("$.lateUploads.cases[*].applicationId", not(hasItem((int) lateCase))))
                .andExpect(jsonPath("$.waitingForPhoto.cases[*].applicationId", not(hasItem((int) photoCase))))
                .andExpect(jsonPath("$.backlog.tiers[*].organisationId", not(hasItem(bureau.employer().id().intValue()))))
                .andExpect(jsonPath("$.currentCycle[*].bureauId", not(hasItem(bureau.bureau().id().intValue()))));
        // The operator of this bureau sees its figures, and every incident of the engine (operators handle them all).
        mvc.perform(get("/api/dashboard").with(httpBasic(operator, PASSWORD))).andExpect(status().isOk())
                .andExpect(jsonPath("$.issued.total").value(3))
                .andExpect(jsonPath("$.backlog.total").value(2))
                .andExpect(jsonPath("$.failedJobs.jobs[*].incidentId", hasItem(incidentId)));
        mvc.perform(get("/api/dashboard").with(httpBasic("operator", "demo"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.failedJobs.jobs[*].incidentId", hasItem(incidentId)))
                .andExpect(jsonPath("$.lateUploads.cases[*].applicationId", not(hasItem((int) lateCase))));
    }

    @Test
    void onlyTheBureauAndOperatorsMaySeeTheDashboard() throws Exception {
        mvc.perform(get("/api/dashboard")).andExpect(status().isUnauthorized());
        for (String other : new String[] {"admin", "employer", "supervisor", "committee", "exam", "holder"}) {
            mvc.perform(get("/api/dashboard").with(httpBasic(other, "demo"))).andExpect(status().isForbidden())
                    .andExpect(jsonPath("$.code").value("dashboard.forbidden"))
                    .andExpect(jsonPath("$.message").value("只有发证机关和运维人员可以查看运行看板。"));
            mvc.perform(get("/api/dashboard/export?format=csv").with(httpBasic(other, "demo")))
                    .andExpect(status().isForbidden());
            mvc.perform(get("/dashboard").session(login(other))).andExpect(status().isForbidden())
                    .andExpect(content().string(org.hamcrest.Matchers.containsString("只有发证机关和运维人员可以查看运行看板")));
        }
        mvc.perform(get("/").session(login("operator"))).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"dashboard-link\"")));
        mvc.perform(get("/").session(login("bureau"))).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"dashboard-link\"")));
        mvc.perform(get("/").session(login("employer"))).andExpect(status().isOk())
                .andExpect(content().string(not(org.hamcrest.Matchers.containsString("id=\"dashboard-link\""))));
    }

    @Test
    void badParametersAreRefusedInTheCallersLanguage() throws Exception {
        for (String months : new String[] {"0", "37", "abc", "-1"}) {
            mvc.perform(get("/api/dashboard?months=" + months).with(httpBasic("bureau", "demo")))
                    .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("dashboard.months-invalid"))
                    .andExpect(jsonPath("$.message").value("统计月数应为 1 到 36 之间的整数。"));
        }
        mvc.perform(get("/api/dashboard/export?format=pdf").header("Accept-Language", "en")
                .with(httpBasic("bureau", "demo"))).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message").value("The export format must be csv or xlsx."));
        mvc.perform(get("/api/dashboard?months=3").with(httpBasic("bureau", "demo"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.issued.perMonth.length()").value(3));
    }

    @Test
    void theExportsCarryTheSameFigures() throws Exception {
        byte[] csv = mvc.perform(get("/api/dashboard/export?format=csv").with(httpBasic(bureau.staffUsername(), PASSWORD)))
                .andExpect(status().isOk()).andExpect(header().string("Content-Type", "text/csv;charset=UTF-8"))
                .andExpect(header().string("Content-Disposition", org.hamcrest.Matchers.startsWith("attachment; filename=\"dashboard-")))
                .andReturn().getResponse().getContentAsByteArray();
        String text = new String(csv, StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFF发证数量\r\n月份,取得方式,级别,数量\r\n")
                .contains(thisMonth + ",SELF_APPOINTMENT,SENIOR,2\r\n")
                .contains(thisMonth.minusMonths(1) + ",EXAM_IN_LIEU,INTERMEDIATE,1\r\n")
                .contains("用人单位审核," + bureau.employer().name() + ",2,")
                .contains("\r\n" + lateCase + ",SOCIAL_REVIEW,");

        byte[] xlsx = mvc.perform(get("/api/dashboard/export?format=xlsx&months=6").header("Accept-Language", "en")
                .with(httpBasic(operator, PASSWORD)))
                .andExpect(status().isOk()).andExpect(header().string("Content-Type", DashboardController.XLSX.toString()))
                .andReturn().getResponse().getContentAsByteArray();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            assertThat(book.getNumberOfSheets()).isEqualTo(6);
            Sheet issued = book.getSheet("Issued");
            assertThat(issued.getRow(0).getCell(0).getStringCellValue()).isEqualTo("Month");
            long seniorThisMonth = 0;
            for (Row row : issued) {
                if (row.getRowNum() > 0 && row.getCell(0).getStringCellValue().equals(thisMonth.toString())
                        && row.getCell(2).getStringCellValue().equals("SENIOR")) {
                    seniorThisMonth += (long) row.getCell(3).getNumericCellValue();
                }
            }
            assertThat(seniorThisMonth).isEqualTo(2);
            assertThat(book.getSheet("Backlog").getRow(1).getCell(2).getNumericCellValue()).isEqualTo(2);
        }
    }

    @Test
    void thePageAndItsChartLibraryAreServedFromTheApplication() throws Exception {
        mvc.perform(get("/dashboard").session(login("bureau"))).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("/webjars/chart.js/4.4.1/dist/chart.umd.js")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("运行看板")));
        mvc.perform(get("/webjars/chart.js/4.4.1/dist/chart.umd.js")).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Chart")));
    }

    @Test
    void csvCellsAreQuotedAndNeverFormulas() {
        assertThat(DashboardExport.cell("a,b")).isEqualTo("\"a,b\"");
        assertThat(DashboardExport.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(DashboardExport.cell("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(DashboardExport.cell(-3)).isEqualTo("-3");
        assertThat(DashboardExport.cell(null)).isEmpty();
    }
}
