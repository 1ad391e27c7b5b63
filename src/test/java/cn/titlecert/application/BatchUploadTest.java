package cn.titlecert.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.time.ZoneId;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import cn.titlecert.TestIdNumbers;
import cn.titlecert.organisation.OrganisationService;

/** Result lists: imported whole or not at all, with a row-by-row report. */
@SpringBootTest
@AutoConfigureMockMvc
class BatchUploadTest {

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @Autowired
    MockMvc mvc;

    @Autowired
    OrganisationService organisations;

    @Autowired
    JdbcTemplate jdbc;

    private final String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();

    private long org(String code) {
        return organisations.findByCode(code).orElseThrow().id();
    }

    private String row(String idNumber, String level) {
        return "{\"path\":\"SOCIAL_REVIEW\",\"person\":{\"name\":\"名单人员\",\"idNumber\":\"" + idNumber + "\"},"
                + "\"title\":{\"series\":\"工程技术\",\"name\":\"高级工程师\",\"level\":\"" + level + "\"},"
                + "\"obtainedOn\":\"" + today + "\",\"employerId\":" + org("TJ-EMP-BHDZ") + ",\"reviewBodyId\":"
                + org("TJ-CMT-DZXX") + ",\"resultsFiledOn\":\"" + today + "\"}";
    }

    private int applications() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM application", Integer.class);
    }

    @Test
    void aValidJsonListIsImportedAsOneBatch() throws Exception {
        String body = "[" + row(TestIdNumbers.randomResidentId(), "DEPUTY_SENIOR") + ","
                + row(TestIdNumbers.randomResidentId(), "DEPUTY_SENIOR") + "]";
        mvc.perform(post("/api/applications/batch").with(httpBasic("committee", "demo"))
                .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.imported").value(true))
                .andExpect(jsonPath("$.accepted").value(2)).andExpect(jsonPath("$.applicationIds.length()").value(2))
                .andExpect(jsonPath("$.batchId").isNumber());
    }

    @Test
    void oneBadRowImportsNothingAndTheReportNamesIt() throws Exception {
        int before = applications();
        String duplicate = TestIdNumbers.randomResidentId();
        String body = "[" + row(TestIdNumbers.randomResidentId(), "DEPUTY_SENIOR") + ","
                + row(TestIdNumbers.withWrongCheckDigit(TestIdNumbers.randomResidentId()), "DEPUTY_SENIOR") + ","
                + row(duplicate, "SENIOR") + "," + row(duplicate, "SENIOR") + "]";
        mvc.perform(post("/api/applications/batch").with(httpBasic("committee", "demo"))
                .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isUnprocessableEntity()).andExpect(jsonPath("$.imported").value(false))
                .andExpect(jsonPath("$.total").value(4))
                .andExpect(jsonPath("$.errors.length()").value(2))
                .andExpect(jsonPath("$.errors[0].row").value(2))
                .andExpect(jsonPath("$.errors[0].code").value("id-number.check-digit"))
                .andExpect(jsonPath("$.errors[0].message").value("身份证号码校验位不正确，请核对后重新输入。"))
                .andExpect(jsonPath("$.errors[1].row").value(4))
                .andExpect(jsonPath("$.errors[1].code").value("batch.duplicate-in-file"));
        assertThat(applications()).isEqualTo(before);
    }

    @Test
    void onlyCommitteesAndExamAgenciesUploadLists() throws Exception {
        for (String user : new String[] {"holder", "employer", "supervisor"}) {
            mvc.perform(post("/api/applications/batch").with(httpBasic(user, "demo"))
                    .contentType(MediaType.APPLICATION_JSON).content("[" + row(TestIdNumbers.randomResidentId(), "SENIOR") + "]"))
                    .andExpect(status().isForbidden());
        }
        mvc.perform(post("/api/applications/batch").with(httpBasic("committee", "demo"))
                .contentType(MediaType.APPLICATION_JSON).content("[]")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("batch.empty"));
    }

    private byte[] workbook(boolean withFormula, boolean withoutIdColumn, String... idNumbers) throws Exception {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = wb.createSheet("名单");
            String[] headers = withoutIdColumn
                    ? new String[] {"姓名*", "系列*", "资格名称*", "层级*", "取得资格时间*"}
                    : new String[] {"取得方式", "姓名*", "证件号码*", "系列*", "资格名称*", "层级*", "取得资格时间*",
                            "用人单位编码", "评审机构编码", "评审结果核准备案日期"};
            Row header = sheet.createRow(0);
            for (int i = 0; i < headers.length; i++) {
                header.createCell(i).setCellValue(headers[i]);
            }
            for (int r = 0; r < idNumbers.length; r++) {
                Row row = sheet.createRow(r + 1);
                String[] values = {"社会化评审", "表格人员", idNumbers[r], "工程技术", "高级工程师", "副高级", today,
                        "TJ-EMP-BHDZ", "TJ-CMT-DZXX", today};
                for (int i = 0; i < values.length && i < headers.length; i++) {
                    row.createCell(i).setCellValue(values[i]);
                }
                if (withFormula && r == 0) {
                    row.getCell(4).setCellFormula("CONCATENATE(\"高级\",\"工程师\")");
                }
            }
            wb.write(out);
            return out.toByteArray();
        }
    }

    @Test
    void anExcelListIsReadWithChineseValues() throws Exception {
        MockMultipartFile file = new MockMultipartFile("file", "名单.xlsx", XLSX,
                workbook(false, false, TestIdNumbers.randomResidentId(), TestIdNumbers.randomResidentId()));
        mvc.perform(multipart("/api/applications/batch").file(file).with(httpBasic("committee", "demo")))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.accepted").value(2));
    }

    @Test
    void brokenSpreadsheetsAreRefusedClearly() throws Exception {
        int before = applications();
        mvc.perform(multipart("/api/applications/batch")
                .file(new MockMultipartFile("file", "x.xlsx", XLSX, "this is not a spreadsheet".getBytes()))
                .with(httpBasic("committee", "demo")))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("batch.not-xlsx"));
        mvc.perform(multipart("/api/applications/batch")
                .file(new MockMultipartFile("file", "x.xlsx", XLSX, workbook(false, true, "x")))
                .with(httpBasic("committee", "demo")))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("batch.missing-column"))
                .andExpect(jsonPath("$.message").value("缺少必填列“证件号码”，请使用系统提供的模板。"));
        mvc.perform(multipart("/api/applications/batch")
                .file(new MockMultipartFile("file", "x.xlsx", XLSX,
                        workbook(true, false, TestIdNumbers.randomResidentId(), TestIdNumbers.randomResidentId())))
                .with(httpBasic("committee", "demo")))
                .andExpect(status().isUnprocessableEntity()).andExpect(jsonPath("$.errors[0].code").value("batch.formula"))
                .andExpect(jsonPath("$.errors[0].row").value(2));
        assertThat(applications()).isEqualTo(before);
    }

    @Test
    void theTemplateIsAWorkbookWithTheColumnsAndDropDowns() throws Exception {
        byte[] template = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .get("/api/applications/batch/template").with(httpBasic("committee", "demo")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(template))) {
            assertThat(wb.getSheetAt(0).getRow(0).getCell(1).getStringCellValue()).isEqualTo("姓名*");
            assertThat(wb.getSheetAt(0).getDataValidations()).isNotEmpty();
            assertThat(wb.getSheet("填写说明")).isNotNull();
        }
    }
}
