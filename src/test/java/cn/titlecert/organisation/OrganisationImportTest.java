package cn.titlecert.organisation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.UUID;

import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationConstraint;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** A tree from .xlsx: the template's drop-downs, all rows or none, a row-by-row report, who may. */
@SpringBootTest
@AutoConfigureMockMvc
class OrganisationImportTest {

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @Autowired MockMvc mvc;
    @Autowired OrganisationService organisations;

    private static String code() {
        return "T-" + UUID.randomUUID().toString().substring(0, 10);
    }

    /** Rows of code, name, type, parent code, region, credit code, approval number, series, levels. */
    private static byte[] sheet(List<String[]> rows) throws Exception {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("单位");
            String[] header = {"单位编码*", "单位名称*", "单位类型*", "上级单位编码", "行政区划代码", "统一社会信用代码",
                    "核准备案号", "评审系列", "评审层级"};
            Row h = sheet.createRow(0);
            for (int i = 0; i < header.length; i++) {
                h.createCell(i).setCellValue(header[i]);
            }
            int r = 1;
            for (String[] values : rows) {
                Row row = sheet.createRow(r++);
                for (int i = 0; i < values.length; i++) {
                    if (values[i] != null) {
                        row.createCell(i).setCellValue(values[i]);
                    }
                }
            }
            workbook.write(out);
            return out.toByteArray();
        }
    }

    private ResultActions upload(byte[] file, String user, String language) throws Exception {
        return mvc.perform(multipart("/api/organisations/import")
                .file(new MockMultipartFile("file", "单位.xlsx", XLSX, file)).with(httpBasic(user, "demo"))
                .header("Accept-Language", language));
    }

    @Test
    void theTemplateOffersTypesAndParentCodesAsDropDowns() throws Exception {
        byte[] file = mvc.perform(get("/api/organisations/import/template").with(httpBasic("bureau", "demo")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(file))) {
            XSSFSheet data = workbook.getSheet("单位");
            assertThat(data.getRow(0).getCell(0).getStringCellValue()).isEqualTo("单位编码*");
            List<? extends DataValidation> validations = data.getDataValidations();
            DataValidation type = validations.stream()
                    .filter(v -> v.getRegions().getCellRangeAddress(0).getFirstColumn() == 2).findFirst().orElseThrow();
            assertThat(type.getValidationConstraint().getValidationType())
                    .isEqualTo(DataValidationConstraint.ValidationType.LIST);
            assertThat(type.getValidationConstraint().getExplicitListValues())
                    .contains("人社部门", "业务主管部门", "档案存放机构", "用人单位", "评审委员会", "考试机构");
            DataValidation parent = validations.stream()
                    .filter(v -> v.getRegions().getCellRangeAddress(0).getFirstColumn() == 3).findFirst().orElseThrow();
            assertThat(parent.getValidationConstraint().getValidationType())
                    .isEqualTo(DataValidationConstraint.ValidationType.LIST);
            assertThat(parent.getValidationConstraint().getFormula1()).contains("上级单位编码");
            Sheet parents = workbook.getSheet("上级单位编码");
            assertThat(workbook.isSheetHidden(workbook.getSheetIndex(parents))).isTrue();
            List<String> codes = new java.util.ArrayList<>();
            for (Row row : parents) {
                if (row.getCell(0) != null && row.getCell(0).getCellType() == org.apache.poi.ss.usermodel.CellType.STRING) {
                    codes.add(row.getCell(0).getStringCellValue());
                }
            }
            assertThat(codes).contains("TJ-HRSS", "TJ-GXJ", "TJ-EMP-BHDZ")
                    .as("no children under committees or exam agencies").doesNotContain("TJ-CMT-DZXX", "TJ-KSZX");
            assertThat(parents.getRow(codes.size()).getCell(0).getCellFormula()).isEqualTo("IF(单位!A2=\"\",\"\",单位!A2)");
        }
    }

    @Test
    void aBadRowImportsNothingAndTheReportNamesEveryProblem() throws Exception {
        String department = code();
        String employer = code();
        String committee = code();
        byte[] file = sheet(List.of(
                new String[] {department, "测试导入主管部门", "业务主管部门", "TJ-HRSS"},
                new String[] {employer, "测试导入用人单位", "用人单位", department, "120101"},
                new String[] {committee, "测试导入评委会", "评审委员会", employer, null, null, "津备〔2026〕1号", "工程技术", "中级、副高级"},
                new String[] {code(), "挂在考试机构下的单位", "用人单位", "TJ-KSZX"},
                new String[] {employer, "重复编码", "用人单位", department},
                new String[] {code(), "上级在后", "用人单位", "T-LATER"},
                new String[] {"T-LATER", "后面的主管部门", "业务主管部门", "TJ-HRSS"},
                new String[] {code(), "评委会缺备案号", "评审委员会", department}));
        upload(file, "bureau", "zh-CN").andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.outcome").value("REJECTED")).andExpect(jsonPath("$.total").value(8))
                .andExpect(jsonPath("$.imported").value(0)).andExpect(jsonPath("$.rejected").value(4))
                .andExpect(jsonPath("$.errors[0].row").value(5))
                .andExpect(jsonPath("$.errors[0].message").value("用人单位不能设在考试机构之下。"))
                .andExpect(jsonPath("$.errors[1].row").value(6))
                .andExpect(jsonPath("$.errors[1].code").value("organisation-import.duplicate-code"))
                .andExpect(jsonPath("$.errors[1].message").value("单位编码 " + employer + " 与第 3 行重复。"))
                .andExpect(jsonPath("$.errors[2].row").value(7))
                .andExpect(jsonPath("$.errors[2].code").value("organisation-import.parent-later"))
                .andExpect(jsonPath("$.errors[3].row").value(9))
                .andExpect(jsonPath("$.errors[3].code").value("organisation.approval-number-required"));
        assertThat(organisations.findByCode(department)).as("all or nothing").isEmpty();
        assertThat(organisations.findByCode(employer)).isEmpty();

        upload(file, "bureau", "en").andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.errors[0].message").value("Employer cannot be placed under Exam agency."));
    }

    @Test
    void aGoodSheetImportsEveryRowWithParentsFromEarlierRows() throws Exception {
        String department = code();
        String employer = code();
        String committee = code();
        byte[] file = sheet(List.of(
                new String[] {department, "测试导入主管部门", "业务主管部门", "TJ-HRSS"},
                new String[] {employer, "测试导入用人单位", "用人单位", department, "120101"},
                new String[] {committee, "测试导入评委会", "评审委员会", employer, null, null, "津备〔2026〕1号", "工程技术", "中级、副高级"}));
        upload(file, "bureau", "zh-CN").andExpect(status().isCreated())
                .andExpect(jsonPath("$.outcome").value("IMPORTED")).andExpect(jsonPath("$.imported").value(3))
                .andExpect(jsonPath("$.created[2].code").value(committee));
        Organisation d = organisations.findByCode(department).orElseThrow();
        Organisation e = organisations.findByCode(employer).orElseThrow();
        Organisation c = organisations.findByCode(committee).orElseThrow();
        assertThat(e.parentId()).isEqualTo(d.id());
        assertThat(c.treePath()).isEqualTo(e.treePath() + c.id() + "/");
        assertThat(c.approvalNumber()).isEqualTo("津备〔2026〕1号");
        assertThat(c.reviewLevels()).isEqualTo("DEPUTY_SENIOR,INTERMEDIATE");

        upload(file, "bureau", "zh-CN").andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.errors[0].code").value("organisation.exists"));
        upload(sheet(List.<String[]>of(new String[] {code(), "外省", "用人单位", "TJ-HRSS"})), "employer", "zh-CN")
                .andExpect(status().isForbidden());
        upload("not a workbook".getBytes(), "bureau", "en").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("organisation-import.not-xlsx"));
    }
}
