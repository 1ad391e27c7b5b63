package cn.titlecert.lifecycle;

import static cn.titlecert.lifecycle.HistoricalSheets.idNumber;
import static cn.titlecert.lifecycle.HistoricalSheets.number;
import static cn.titlecert.lifecycle.HistoricalSheets.old;
import static cn.titlecert.lifecycle.HistoricalSheets.recent;
import static cn.titlecert.lifecycle.HistoricalSheets.workbook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.titlecert.TestIdNumbers;
import cn.titlecert.person.IdNumber;
import cn.titlecert.person.IdType;
import cn.titlecert.person.PersonService;

/** R18: historical certificates from Excel – broken files of every kind, all or nothing, who may, what follows. */
@SpringBootTest(properties = {"titlecert.imports.max-file-size=2MB", "titlecert.imports.max-inflated-size=40MB"})
@AutoConfigureMockMvc
class HistoricalImportTest {

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PersonService persons;

    @Autowired
    ObjectMapper json;

    private ResultActions upload(byte[] file, String mode, String user, String language) throws Exception {
        MockMultipartHttpServletRequestBuilder request = multipart("/api/imports/certificates");
        request.file(new MockMultipartFile("file", "历史证书.xlsx", XLSX, file));
        if (mode != null) {
            request.param("mode", mode);
        }
        return mvc.perform(request.with(httpBasic(user, "demo")).header("Accept-Language", language));
    }

    private ResultActions upload(byte[] file) throws Exception {
        return upload(file, null, "bureau", "zh-CN");
    }

    private int certificates() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM certificate", Integer.class);
    }

    private JsonNode body(ResultActions result) throws Exception {
        return json.readTree(result.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
    }

    @Test
    void theTemplateHasTheColumnsRulesAndDropDownsAndImportsOnceFilledIn() throws Exception {
        byte[] template = mvc.perform(get("/api/imports/certificates/template").with(httpBasic("bureau", "demo")))
                .andExpect(status().isOk()).andExpect(content().contentType(XLSX))
                .andReturn().getResponse().getContentAsByteArray();
        byte[] filled;
        String number = number();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(template))) {
            assertThat(wb.getSheetName(0)).isEqualTo("历史证书");
            assertThat(wb.getSheetName(1)).isEqualTo("填写说明");
            XSSFSheet sheet = wb.getSheetAt(0);
            List<String> headers = new java.util.ArrayList<>();
            sheet.getRow(0).forEach(c -> headers.add(c.getStringCellValue()));
            assertThat(headers).contains("姓名*", "证件号码*", "系列*", "资格名称*", "层级*", "取得资格时间*", "批准文号",
                    "原证书编号*", "发证机关*", "发证日期*");
            List<String> lists = sheet.getDataValidations().stream()
                    .map(v -> v.getValidationConstraint().getExplicitListValues())
                    .filter(java.util.Objects::nonNull).map(values -> String.join(",", values)).toList();
            assertThat(lists).contains("正高级,副高级,中级,助理级,员级", "男,女").anyMatch(l -> l.contains("工程技术"))
                    .anyMatch(l -> l.contains("绿色通道"));
            StringBuilder rules = new StringBuilder();
            wb.getSheetAt(1).forEach(r -> r.forEach(c -> rules.append(c.toString()).append('\n')));
            assertThat(rules).contains("校验位").contains("粘贴为数值").contains("2020-01-01").contains("正高级工程师");
            // the user fills the template in, in the template's own column order
            String[] values = recent("模板人员", idNumber(), number);
            Row row = sheet.createRow(1);
            for (HistoricalColumn column : HistoricalColumn.values()) {
                int from = java.util.Arrays.asList(HistoricalSheets.HEADERS)
                        .indexOf(column.header() + (column.required ? "*" : ""));
                if (from >= 0) {
                    row.createCell(column.ordinal()).setCellValue(values[from]);
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            wb.write(out);
            filled = out.toByteArray();
        }
        upload(filled).andExpect(status().isCreated()).andExpect(jsonPath("$.outcome").value("IMPORTED"))
                .andExpect(jsonPath("$.imported").value(1)).andExpect(jsonPath("$.electronicEligible").value(1));
    }

    @Test
    void onlyTheBureauImports() throws Exception {
        byte[] file = workbook(old("越权人员", idNumber(), number()));
        int before = certificates();
        for (String user : new String[] {"employer", "committee", "supervisor", "exam", "holder", "operator"}) {
            upload(file, null, user, "zh-CN").andExpect(status().isForbidden());
            mvc.perform(get("/api/imports/certificates/template").with(httpBasic(user, "demo")))
                    .andExpect(status().isForbidden());
            mvc.perform(get("/imports/certificates").session(login(user))).andExpect(status().isForbidden());
        }
        mvc.perform(multipart("/api/imports/certificates").file(new MockMultipartFile("file", "a.xlsx", XLSX, file)))
                .andExpect(status().isUnauthorized());
        assertThat(certificates()).isEqualTo(before);
        long id = body(upload(workbook(old("报告人员", idNumber(), number())))).get("importId").asLong();
        mvc.perform(get("/api/imports/certificates/" + id + "/report").with(httpBasic("employer", "demo")))
                .andExpect(status().isForbidden());
    }

    @Test
    void aValidFileIsImportedVerifiableMaskedButNotDownloadableAndAuditedOnce() throws Exception {
        String oldId = idNumber();
        String oldNumber = number();
        String recentNumber = number();
        JsonNode report = body(upload(workbook(old("沈旧证", oldId, oldNumber), recent("沈新证", idNumber(), recentNumber)))
                .andExpect(status().isCreated()));
        assertThat(report.get("outcome").asText()).isEqualTo("IMPORTED");
        assertThat(report.get("imported").asInt()).isEqualTo(2);
        assertThat(report.get("newPersons").asInt()).isEqualTo(2);
        assertThat(report.get("electronicEligible").asInt()).isEqualTo(1);
        assertThat(report.get("queryOnly").asInt()).isEqualTo(1);
        assertThat(report.get("sheet").asText()).isEqualTo("历史证书");
        long importId = report.get("importId").asLong();

        // the public query finds it, valid, with the ID number masked
        mvc.perform(post("/api/public/query").contentType("application/json").with(r -> {
            r.setRemoteAddr("198.51.100." + ThreadLocalRandom.current().nextInt(1, 250));
            return r;
        }).content("{\"name\":\"沈旧证\",\"certificateNumber\":\"" + oldNumber.toLowerCase() + "\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$", hasSize(1)))
                .andExpect(jsonPath("$[0].status").value("VALID")).andExpect(jsonPath("$[0].valid").value(true))
                .andExpect(jsonPath("$[0].number").value(oldNumber))
                .andExpect(jsonPath("$[0].issuedOn").value("2016-01-15"))
                .andExpect(jsonPath("$[0].idNumber").value(oldId.substring(0, 4) + "**********" + oldId.substring(14)));

        // the bureau sees it; there is no file to download
        mvc.perform(get("/api/certificates/" + oldNumber).with(httpBasic("bureau", "demo"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.approvalDocNumber").value("津人社职〔2015〕12号"));
        mvc.perform(get("/api/certificates/" + oldNumber + "/pdf").with(httpBasic("bureau", "demo"))
                .header("Accept-Language", "en")).andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("certificate.historical-record"))
                .andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.containsString("historical paper")));

        // the recent complete one waits for the next issuance as an approved case of the bureau
        Map<String, Object> recentCase = jdbc.queryForMap("SELECT a.status, a.issuance_month, a.issuing_bureau_id, "
                + "a.approval_doc_number FROM certificate c JOIN application a ON a.id = c.application_id WHERE c.number = ?",
                recentNumber);
        assertThat(recentCase.get("STATUS") != null ? recentCase.get("STATUS") : recentCase.get("status"))
                .isEqualTo("APPROVED");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM certificate WHERE number = ? AND application_id IS NULL",
                Integer.class, oldNumber)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM application WHERE import_id = ?", Integer.class, importId))
                .isEqualTo(1);

        // one audit entry, with the counts and no personal data
        List<String> details = jdbc.queryForList(
                "SELECT detail FROM audit_log WHERE action = 'HISTORICAL_CERTIFICATES_IMPORTED' AND entity_id = ?",
                String.class, String.valueOf(importId));
        assertThat(details).hasSize(1);
        assertThat(details.get(0)).contains("imported=2", "electronicEligible=1", "queryOnly=1")
                .doesNotContain("沈旧证", oldId, oldNumber);
    }

    @Test
    void oneBadRowImportsNothingAndEveryBadRowIsReportedUnlessOnlyValidRowsAreAsked() throws Exception {
        String duplicateNumber = number();
        String samePerson = idNumber();
        String[] good = old("好行", idNumber(), number());
        String[] badCheckDigit = old("校验位", cn.titlecert.TestIdNumbers.withWrongCheckDigit(idNumber()), number());
        String[] badDate = old("坏日期", idNumber(), number());
        badDate[HistoricalSheets.OBTAINED] = "2015-13-45";
        String[] future = old("未来", idNumber(), number());
        future[HistoricalSheets.ISSUED] = LocalDate.now().plusDays(30).toString();
        String[] order = old("顺序", idNumber(), number());
        order[HistoricalSheets.ISSUED] = "2014-01-01";
        String[] firstOfNumber = old("编号一", idNumber(), duplicateNumber);
        String[] sameNumber = old("编号二", idNumber(), duplicateNumber);
        String[] firstOfPerson = old("同一人", samePerson, number());
        String[] samePersonTitleDate = old("同一人", samePerson, number());
        String[] unknownSeries = old("系列", idNumber(), number());
        unknownSeries[HistoricalSheets.SERIES] = "炼丹";
        String[] mismatch = old("名级", idNumber(), number());
        mismatch[HistoricalSheets.TITLE] = "正高级工程师";
        String[] missing = old("", idNumber(), number());
        List<String[]> rows = HistoricalSheets.rows(good, badCheckDigit, badDate, future, order, firstOfNumber,
                sameNumber, firstOfPerson, samePersonTitleDate, unknownSeries, mismatch, missing);
        String[] formula = old("公式", idNumber(), number());
        String[] idAsNumber = old("数字", idNumber(), number());
        rows.add(formula);
        rows.add(idAsNumber);
        byte[] file = HistoricalSheets.workbook("历史证书", HistoricalSheets.HEADERS, rows, sheet -> {
            sheet.getRow(13).getCell(HistoricalSheets.ISSUED).setCellFormula("DATE(2016,1,15)");
            Cell id = sheet.getRow(14).getCell(HistoricalSheets.ID);
            id.setCellValue(Double.parseDouble(idAsNumber[HistoricalSheets.ID].substring(0, 17) + "1"));
        });
        int before = certificates();
        JsonNode report = body(upload(file).andExpect(status().isUnprocessableEntity()));
        assertThat(certificates()).isEqualTo(before);
        assertThat(report.get("outcome").asText()).isEqualTo("REJECTED");
        assertThat(report.get("imported").asInt()).isZero();
        assertThat(report.get("total").asInt()).isEqualTo(14);
        assertThat(report.get("rejected").asInt()).isEqualTo(11);
        Map<Integer, List<String>> codes = new java.util.TreeMap<>();
        report.get("errors").forEach(e -> codes.computeIfAbsent(e.get("row").asInt(), r -> new java.util.ArrayList<>())
                .add(e.get("code").asText()));
        assertThat(codes).containsEntry(3, List.of("id-number.check-digit"))
                .containsEntry(4, List.of("batch.bad-date"))
                .containsEntry(5, List.of("import.date-in-future"))
                .containsEntry(6, List.of("import.issued-before-obtained", "import.issued-before-approved"))
                .containsEntry(8, List.of("import.duplicate-number-in-file"))
                .containsEntry(10, List.of("batch.duplicate-in-file"))
                .containsEntry(11, List.of("import.unknown-series"))
                .containsEntry(12, List.of("import.title-level-mismatch"))
                .containsEntry(13, List.of("batch.missing-value"))
                .containsEntry(14, List.of("import.formula"))
                .containsEntry(15, List.of("import.id-number-as-number"))
                .doesNotContainKeys(2, 7, 9);
        assertThat(report.at("/errors/0/message").asText()).isEqualTo("身份证号码校验位不正确，请核对后重新输入。");

        // the downloadable report has every row, the ID numbers masked
        String csv = mvc.perform(get(report.get("reportUrl").asText()).with(httpBasic("bureau", "demo")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(csv.lines()).hasSize(15);
        assertThat(csv).contains("无误（因文件有错误未导入）").contains("原证书编号与第 7 行重复")
                .doesNotContain(good[HistoricalSheets.ID]).contains(good[HistoricalSheets.NUMBER]);

        // the same file, only its valid rows
        JsonNode partial = body(upload(file, "validRowsOnly", "bureau", "zh-CN").andExpect(status().isCreated()));
        assertThat(partial.get("outcome").asText()).isEqualTo("PARTIAL");
        assertThat(partial.get("imported").asInt()).isEqualTo(3);
        assertThat(certificates()).isEqualTo(before + 3);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM certificate WHERE number IN (?, ?)", Integer.class,
                good[HistoricalSheets.NUMBER], duplicateNumber)).isEqualTo(2);
    }

    @Test
    void duplicatesAgainstTheDatabaseAreRefusedAndTheSamePersonStaysOnePerson() throws Exception {
        String id = idNumber();
        String firstNumber = number();
        upload(workbook(old("再导人", id, firstNumber))).andExpect(status().isCreated());
        // the same person, another title: one person, two certificates
        String[] second = recent("再导人", id, number());
        second[HistoricalSheets.TITLE] = "正高级工程师";
        second[HistoricalSheets.LEVEL] = "正高级";
        upload(workbook(second)).andExpect(status().isCreated()).andExpect(jsonPath("$.newPersons").value(0));
        long personId = persons.findByIdNumber(new IdNumber(IdType.RESIDENT_ID, id)).orElseThrow().id();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM certificate WHERE person_id = ?", Integer.class, personId))
                .isEqualTo(2);

        String[] sameNumber = old("别人", idNumber(), firstNumber.toLowerCase());
        String[] sameTitleAndDate = old("再导人", id, number());
        String[] otherName = old("改名人", id, number());
        otherName[HistoricalSheets.TITLE] = "工程师";
        otherName[HistoricalSheets.LEVEL] = "中级";
        upload(workbook(sameNumber, sameTitleAndDate)).andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.errors[0].code").value("import.duplicate-number-in-database"))
                .andExpect(jsonPath("$.errors[1].code").value("import.duplicate-in-database"));
        upload(workbook(otherName), null, "bureau", "en").andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.errors[0].code").value("import.name-mismatch"))
                .andExpect(jsonPath("$.errors[0].message").value("The ID number is registered with another name."));
        // the same ID twice in one file with two names
        String[] twin = old("另一人", id, number());
        twin[HistoricalSheets.TITLE] = "助理工程师";
        twin[HistoricalSheets.LEVEL] = "助理级";
        upload(workbook(otherName, twin)).andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.errors[1].code").value("import.name-differs-in-file"));
    }

    @Test
    void brokenFilesAreRefusedAsAWholeInTheCallersLanguage() throws Exception {
        int before = certificates();
        // a required column missing, in a sheet that is otherwise right
        String[] withoutNumber = java.util.Arrays.stream(HistoricalSheets.HEADERS).filter(h -> !h.startsWith("原证书编号"))
                .toArray(String[]::new);
        upload(HistoricalSheets.workbook("Sheet1", withoutNumber, List.of(), s -> {
        })).andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("import.missing-columns"))
                .andExpect(jsonPath("$.message").value("工作表“Sheet1”缺少必填列：原证书编号。请使用导入模板。"));
        // the wrong sheet: a result list of applications, not historical certificates
        upload(HistoricalSheets.workbook("评审结果", new String[] {"取得方式", "姓名*", "单位"}, List.of(), s -> {
        })).andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("import.no-data-sheet"));
        // headers and no rows
        upload(HistoricalSheets.workbook("历史证书", HistoricalSheets.HEADERS, List.of(), s -> {
        })).andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("import.no-rows"));
        // the data on the second sheet, columns in another order: found
        byte[] secondSheet;
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            wb.createSheet("说明").createRow(0).createCell(0).setCellValue("本表为某单位自制");
            Sheet data = wb.createSheet("数据");
            String[] headers = HistoricalSheets.HEADERS.clone();
            String[] row = old("倒序人", idNumber(), number());
            java.util.Collections.reverse(java.util.Arrays.asList(headers));
            java.util.Collections.reverse(java.util.Arrays.asList(row));
            data.createRow(0).createCell(0).setCellValue("2015年度职称证书台账");
            HistoricalSheets.fill(data, headers, List.<String[]>of(row));
            Row title = data.getRow(0);
            assertThat(title).isNotNull();
            wb.write(out);
            secondSheet = out.toByteArray();
        }
        upload(secondSheet).andExpect(status().isCreated()).andExpect(jsonPath("$.sheet").value("数据"));
        int afterGood = certificates();
        // not a spreadsheet at all, named .xlsx
        upload("姓名,证件号码\n张三,1\n".getBytes(StandardCharsets.UTF_8), null, "bureau", "en")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("import.not-xlsx"))
                .andExpect(jsonPath("$.message").value("The uploaded file is not an Excel (.xlsx) file; use the import template."));
        // a zip that is not a workbook
        upload(zip("readme.txt", "hello".getBytes(StandardCharsets.UTF_8))).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("import.not-xlsx"));
        // an old .xls (or an encrypted .xlsx): an OLE2 container
        byte[] ole2 = new byte[512];
        System.arraycopy(new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A,
                (byte) 0xE1}, 0, ole2, 0, 8);
        upload(ole2).andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("import.xls-or-encrypted"));
        // empty
        upload(new byte[0]).andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("import.empty-file"));
        // too big
        byte[] big = new byte[2 * 1024 * 1024 + 1];
        upload(big).andExpect(status().isPayloadTooLarge()).andExpect(jsonPath("$.code").value("import.too-large"));
        // a zip bomb: 50 MB of zeros in a few kilobytes
        upload(zip("xl/worksheets/sheet1.xml", new byte[50 * 1024 * 1024])).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("import.inflates-too-much"));
        // an unknown mode
        upload(workbook(old("模式", idNumber(), number())), "sometimes", "bureau", "zh-CN")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("import.bad-mode"));
        assertThat(certificates()).isEqualTo(afterGood).isEqualTo(before + 1);
    }

    @Test
    void aSpreadsheetMadeElsewhereWithDateCellsChineseDatesAndOtherHeaderNamesIsRead() throws Exception {
        String id = idNumber();
        String number = number();
        String[] headers = {"序号", "姓名", "身份证号码", "出生日期（yyyy-mm-dd）", "手机号", "职称系列", "专业", "职称名称",
                "职称级别", "评审通过时间", "评委会名称", "批准单位", "批准文号", "批准时间", "证书编号", "发证单位", "发证时间"};
        byte[] file;
        try (org.apache.poi.xssf.streaming.SXSSFWorkbook wb = new org.apache.poi.xssf.streaming.SXSSFWorkbook();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = wb.createSheet("2016年台账");
            sheet.createRow(0).createCell(0).setCellValue("某市职称证书台账（2016年）");
            Row header = sheet.createRow(1);
            for (int i = 0; i < headers.length; i++) {
                header.createCell(i).setCellValue(headers[i]);
            }
            org.apache.poi.ss.usermodel.CellStyle date = wb.createCellStyle();
            date.setDataFormat(wb.createDataFormat().getFormat("yyyy/m/d"));
            Row row = sheet.createRow(2);
            row.createCell(0).setCellValue(1);
            row.createCell(1).setCellValue("台账人员");
            row.createCell(2).setCellValue(id);
            Cell birth = row.createCell(3);
            birth.setCellValue(LocalDate.parse(id.substring(6, 10) + "-" + id.substring(10, 12) + "-" + id.substring(12, 14)));
            birth.setCellStyle(date);
            row.createCell(4).setCellValue(13912345678d);
            row.createCell(5).setCellValue("会计");
            row.createCell(6).setCellValue("财务会计");
            row.createCell(7).setCellValue("会计师");
            row.createCell(8).setCellValue("中级");
            row.createCell(9).setCellValue("2016年5月12日");
            row.createCell(10).setCellValue("某市会计系列中级评审委员会");
            row.createCell(11).setCellValue("某市人力资源和社会保障局");
            row.createCell(12).setCellValue("某人社〔2016〕3号");
            Cell approved = row.createCell(13);
            approved.setCellValue(LocalDate.of(2016, 5, 20));
            approved.setCellStyle(date);
            row.createCell(14).setCellValue(" " + number.toLowerCase() + " ");
            row.createCell(15).setCellValue("某市人力资源和社会保障局");
            row.createCell(16).setCellValue("2016/6/1");
            wb.write(out);
            wb.dispose();
            file = out.toByteArray();
        }
        upload(file).andExpect(status().isCreated()).andExpect(jsonPath("$.sheet").value("2016年台账"))
                .andExpect(jsonPath("$.imported").value(1)).andExpect(jsonPath("$.queryOnly").value(1));
        Map<String, Object> stored = jdbc.queryForMap("SELECT c.obtained_on, c.approval_date, c.issued_on, p.phone_masked "
                + "FROM certificate c JOIN person p ON p.id = c.person_id WHERE c.number = ?", number);
        assertThat(stored.values().stream().map(String::valueOf).toList())
                .containsExactly("2016-05-12", "2016-05-20", "2016-06-01", "139****5678");
    }

    @Test
    void thePageUploadsAndShowsTheReport() throws Exception {
        org.springframework.mock.web.MockHttpSession session = login("bureau");
        String page = mvc.perform(get("/imports/certificates").session(session))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("import-form").contains("validRowsOnly").contains("/api/imports/certificates/template");
        String[] bad = old("页面人员", idNumber(), number());
        bad[HistoricalSheets.LEVEL] = "特级";
        String result = mvc.perform(multipart("/imports/certificates")
                .file(new MockMultipartFile("file", "a.xlsx", XLSX, workbook(bad)))
                .session(session).with(csrf()))
                .andExpect(status().isUnprocessableEntity()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(result).contains("import-errors").contains("无法识别的层级“特级”").contains("import-report-link");
    }

    private org.springframework.mock.web.MockHttpSession login(String username) throws Exception {
        org.springframework.mock.web.MockHttpSession session = new org.springframework.mock.web.MockHttpSession();
        mvc.perform(post("/login").session(session).param("username", username).param("password", "demo").with(csrf()))
                .andExpect(status().is3xxRedirection());
        return session;
    }

    private static byte[] zip(String name, byte[] content) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(content);
            zip.closeEntry();
        }
        return out.toByteArray();
    }
}
