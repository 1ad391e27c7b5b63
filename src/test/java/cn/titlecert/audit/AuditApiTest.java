package cn.titlecert.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

import cn.titlecert.TestData;
import cn.titlecert.organisation.Organisation;
import cn.titlecert.organisation.OrganisationService;
import cn.titlecert.organisation.OrganisationType;
import cn.titlecert.security.AccountService;
import cn.titlecert.security.Role;

/** Reading, filtering, paging and exporting the audit trail: the bureau its subtree, the administrator all. */
@SpringBootTest
@AutoConfigureMockMvc
class AuditApiTest {

    @Autowired MockMvc mvc;
    @Autowired AuditTrail audit;
    @Autowired TransactionTemplate transactions;
    @Autowired OrganisationService organisations;
    @Autowired AccountService accounts;
    @Autowired TestData data;
    @Autowired JdbcTemplate jdbc;

    private String actor;
    private long tianjin;

    @BeforeEach
    void entries() {
        actor = "t-" + UUID.randomUUID().toString().substring(0, 8);
        tianjin = organisations.findByCode("TJ-HRSS").orElseThrow().id();
        long employer = organisations.findByCode("TJ-EMP-BHDZ").orElseThrow().id();
        transactions.executeWithoutResult(s -> {
            for (int i = 0; i < 5; i++) {
                audit.append(actor, employer, "TEST_VIEWED", "person", 100 + i, "n=" + i, null);
            }
            audit.append(actor, tianjin, "TEST_CHANGED", "certificate", "=HYPERLINK(\"x\")", "a,b \"c\"", "理由");
            audit.append(actor, null, "TEST_SYSTEM", null, null, null, null);
        });
    }

    @Test
    void onlyTheBureauAndAdministratorsReadTheTrail() throws Exception {
        for (String user : new String[] {"bureau", "admin"}) {
            mvc.perform(get("/api/audit").param("actor", actor).with(httpBasic(user, "demo")))
                    .andExpect(status().isOk());
            mvc.perform(get("/api/audit/verification").with(httpBasic(user, "demo"))).andExpect(status().isOk())
                    .andExpect(jsonPath("$.intact").value(true)).andExpect(jsonPath("$.entries").isNumber());
        }
        for (String user : new String[] {"employer", "supervisor", "committee", "exam", "holder", "operator"}) {
            mvc.perform(get("/api/audit").with(httpBasic(user, "demo"))).andExpect(status().isForbidden())
                    .andExpect(jsonPath("$.code").value("forbidden"));
            mvc.perform(get("/api/audit/verification").with(httpBasic(user, "demo")))
                    .andExpect(status().isForbidden());
            mvc.perform(get("/api/audit/export").with(httpBasic(user, "demo"))).andExpect(status().isForbidden());
        }
        mvc.perform(get("/api/audit")).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/audit/verification")).andExpect(status().isUnauthorized());
    }

    @Test
    void filtersAndPages() throws Exception {
        // The bureau does not see entries without an organisation (the system's); the administrator does.
        mvc.perform(get("/api/audit").param("actor", actor).with(httpBasic("bureau", "demo")))
                .andExpect(status().isOk()).andExpect(header().string("X-Total-Count", "6"))
                .andExpect(jsonPath("$[0].action").value("TEST_CHANGED"))
                .andExpect(jsonPath("$[0].organisationName").value("天津市人力资源和社会保障局"))
                .andExpect(jsonPath("$[0].reason").value("理由"));
        mvc.perform(get("/api/audit").param("actor", actor).with(httpBasic("admin", "demo")))
                .andExpect(header().string("X-Total-Count", "7")).andExpect(jsonPath("$[0].action").value("TEST_SYSTEM"));
        mvc.perform(get("/api/audit").param("actor", actor).param("action", "TEST_VIEWED").param("size", "2")
                .param("page", "2").with(httpBasic("bureau", "demo")))
                .andExpect(header().string("X-Total-Count", "5")).andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].entityId").value("100"));
        mvc.perform(get("/api/audit").param("entityType", "person").param("entityId", "103").param("actor", actor)
                .with(httpBasic("bureau", "demo"))).andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].detail").value("n=3"));
        long employer = organisations.findByCode("TJ-EMP-BHDZ").orElseThrow().id();
        mvc.perform(get("/api/audit").param("actor", actor).param("organisationId", String.valueOf(employer))
                .with(httpBasic("bureau", "demo"))).andExpect(header().string("X-Total-Count", "5"));
        LocalDate today = LocalDate.now(AuditQueries.CHINA);
        mvc.perform(get("/api/audit").param("actor", actor).param("from", today.minusDays(1).toString())
                .param("to", today.plusDays(1).toString()).with(httpBasic("bureau", "demo")))
                .andExpect(header().string("X-Total-Count", "6"));
        mvc.perform(get("/api/audit").param("actor", actor).param("to", today.minusDays(2).toString())
                .with(httpBasic("bureau", "demo"))).andExpect(header().string("X-Total-Count", "0"));
    }

    @Test
    void aBureauSeesOnlyItsOwnSubtree() throws Exception {
        Organisation other = data.organisation(OrganisationType.BUREAU, null);
        String username = "b" + UUID.randomUUID().toString().substring(0, 8);
        accounts.create(username, "另一发证机关", "test-password", Set.of(Role.BUREAU), other.id(), null);
        transactions.executeWithoutResult(s -> audit.append(actor, other.id(), "TEST_OTHER", null, null, null, null));

        mvc.perform(get("/api/audit").param("actor", actor).with(httpBasic(username, "test-password")))
                .andExpect(header().string("X-Total-Count", "1")).andExpect(jsonPath("$[0].action").value("TEST_OTHER"));
        mvc.perform(get("/api/audit").param("actor", actor).with(httpBasic("bureau", "demo")))
                .andExpect(header().string("X-Total-Count", "6"));
        // Another bureau's organisation cannot even be named in the filter.
        mvc.perform(get("/api/audit").param("organisationId", String.valueOf(tianjin))
                .with(httpBasic(username, "test-password"))).andExpect(status().isNotFound());
    }

    @Test
    void badFiltersAreRefusedClearly() throws Exception {
        mvc.perform(get("/api/audit").param("from", "2026-05-02").param("to", "2026-05-01")
                .with(httpBasic("bureau", "demo"))).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("audit.date-range"))
                .andExpect(jsonPath("$.message").value("起始日期不能晚于截止日期。"));
        mvc.perform(get("/api/audit").param("from", "yesterday").with(httpBasic("bureau", "demo")))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("invalid-request"));
        mvc.perform(get("/api/audit/export").param("format", "pdf").header("Accept-Language", "en")
                .with(httpBasic("bureau", "demo"))).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("audit.export-format"))
                .andExpect(jsonPath("$.message").value("The export format is csv or xlsx."));
    }

    @Test
    void exportsAsCsvAndXlsxAndTheExportIsAudited() throws Exception {
        byte[] csv = mvc.perform(get("/api/audit/export").param("actor", actor).with(httpBasic("bureau", "demo")))
                .andExpect(status().isOk()).andExpect(header().string("Content-Type", "text/csv;charset=UTF-8"))
                .andReturn().getResponse().getContentAsByteArray();
        String text = new String(csv, StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFFid,occurredAt,actor");
        assertThat(text.split("\r\n")).hasSize(7);
        // A value a spreadsheet would run as a formula is defused; commas and quotes are quoted.
        assertThat(text).contains(",\"'=HYPERLINK(\"\"x\"\")\",").contains(",\"a,b \"\"c\"\"\",理由,")
                .contains("天津滨海电子科技有限公司");

        byte[] xlsx = mvc.perform(get("/api/audit/export").param("format", "xlsx").param("actor", actor)
                .param("action", "TEST_VIEWED").with(httpBasic("admin", "demo")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = workbook.getSheetAt(0);
            assertThat(sheet.getLastRowNum()).isEqualTo(5);
            assertThat(sheet.getRow(0).getCell(5).getStringCellValue()).isEqualTo("action");
            assertThat(sheet.getRow(1).getCell(5).getStringCellValue()).isEqualTo("TEST_VIEWED");
        }
        Integer exports = jdbc.queryForObject("SELECT COUNT(*) FROM audit_log WHERE action = 'AUDIT_EXPORTED' AND "
                + "detail LIKE ?", Integer.class, "%actor=" + actor + "%");
        assertThat(exports).isEqualTo(2);
    }
}
