package cn.titlecert.organisation;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationConstraint;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import cn.titlecert.certificate.TitleLevel;
import cn.titlecert.lifecycle.TitleCatalogue;
import cn.titlecert.security.CurrentUser;

/**
 * The .xlsx template for importing a tree: the data sheet with a type drop-down and a parent-code drop-down (the
 * caller's organisations that may have children, followed by the codes typed in the sheet itself, so an earlier row
 * can be a parent), a hidden sheet holding that list, and a sheet of rules in Chinese.
 */
@Component
public class OrganisationTemplate {

    static final String DATA_SHEET = "单位";
    static final String PARENTS_SHEET = "上级单位编码";
    static final String RULES_SHEET = "填写说明";
    /** Rows of the data sheet whose codes the parent drop-down offers too. */
    static final int SHEET_ROWS = 2000;

    /** The columns, in the template's order; headers in Chinese (what a bureau's staff fill in). */
    enum Column {
        CODE("单位编码", true), NAME("单位名称", true), TYPE("单位类型", true), PARENT_CODE("上级单位编码", false),
        REGION_CODE("行政区划代码", false), CREDIT_CODE("统一社会信用代码", false),
        APPROVAL_NUMBER("核准备案号", false), REVIEW_SERIES("评审系列", false), REVIEW_LEVELS("评审层级", false);

        final String header;
        final boolean required;

        Column(String header, boolean required) {
            this.header = header;
            this.required = required;
        }
    }

    private static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;

    private final OrganisationManagement management;
    private final TitleCatalogue catalogue;
    private final MessageSource messages;

    public OrganisationTemplate(OrganisationManagement management, TitleCatalogue catalogue, MessageSource messages) {
        this.management = management;
        this.catalogue = catalogue;
        this.messages = messages;
    }

    /** The Chinese name of a type as the drop-down shows it. */
    String typeLabel(OrganisationType type) {
        return messages.getMessage("organisation.type." + type.name(), null, type.name(), CHINESE);
    }

    String levelLabel(TitleLevel level) {
        return messages.getMessage("level." + level.name(), null, level.name(), CHINESE);
    }

    public byte[] workbook(CurrentUser user) {
        List<Organisation> parents = management.possibleParents(user);
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet(DATA_SHEET);
            CellStyle bold = workbook.createCellStyle();
            Font font = workbook.createFont();
            font.setBold(true);
            bold.setFont(font);
            CellStyle text = workbook.createCellStyle();
            text.setDataFormat(workbook.createDataFormat().getFormat("@"));
            Row header = sheet.createRow(0);
            for (Column column : Column.values()) {
                var cell = header.createCell(column.ordinal());
                cell.setCellValue(column.header + (column.required ? "*" : ""));
                cell.setCellStyle(bold);
                sheet.setColumnWidth(column.ordinal(), (column == Column.NAME ? 36 : 20) * 256);
                sheet.setDefaultColumnStyle(column.ordinal(), text);
            }
            sheet.createFreezePane(0, 1);

            Sheet list = workbook.createSheet(PARENTS_SHEET);
            list.createRow(0).createCell(0).setCellValue("编码");
            list.getRow(0).createCell(1).setCellValue("名称");
            int r = 1;
            for (Organisation parent : parents) {
                Row row = list.createRow(r++);
                row.createCell(0).setCellValue(parent.code());
                row.createCell(1).setCellValue(parent.name());
            }
            for (int i = 1; i <= SHEET_ROWS; i++) {
                // The codes typed in the data sheet, so that a later row may name an earlier one as its parent.
                list.createRow(r++).createCell(0).setCellFormula("IF(" + DATA_SHEET + "!A" + (i + 1) + "=\"\",\"\","
                        + DATA_SHEET + "!A" + (i + 1) + ")");
            }
            workbook.setSheetHidden(workbook.getSheetIndex(list), true);
            workbook.setForceFormulaRecalculation(true);

            DataValidationHelper helper = sheet.getDataValidationHelper();
            String[] types = java.util.Arrays.stream(OrganisationType.values()).map(this::typeLabel)
                    .toArray(String[]::new);
            DataValidation type = helper.createValidation(helper.createExplicitListConstraint(types),
                    new CellRangeAddressList(1, SHEET_ROWS, Column.TYPE.ordinal(), Column.TYPE.ordinal()));
            type.setShowErrorBox(true);
            type.createErrorBox("输入有误", "请从下拉列表中选择单位类型。");
            sheet.addValidationData(type);

            DataValidationConstraint parentList = helper.createFormulaListConstraint(
                    "'" + PARENTS_SHEET + "'!$A$2:$A$" + r);
            DataValidation parent = helper.createValidation(parentList, new CellRangeAddressList(1, SHEET_ROWS,
                    Column.PARENT_CODE.ordinal(), Column.PARENT_CODE.ordinal()));
            // A warning, not a refusal: the list is a help; the upload checks every code.
            parent.setErrorStyle(DataValidation.ErrorStyle.WARNING);
            parent.setShowErrorBox(true);
            parent.createErrorBox("请核对", "上级单位编码应为已有单位或本表前面行的单位编码。");
            sheet.addValidationData(parent);

            rules(workbook.createSheet(RULES_SHEET), bold);
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void rules(Sheet notes, CellStyle bold) {
        List<String> lines = List.of(
                "单位（组织机构）批量导入模板",
                "1. 请在“" + DATA_SHEET + "”工作表第2行起逐行填写，一行一个单位；列名不可修改；带 * 的列必填。",
                "2. 单位编码由字母、数字、点、横线或下划线组成，最长64位，全系统唯一。",
                "3. 单位类型从下拉列表选择。上级单位编码从下拉列表选择，可以是已有单位，也可以是本表前面行的单位。",
                "4. 类型规则：人社部门可为顶级（仅系统管理员）或在人社部门下；业务主管部门、档案存放机构在人社部门下；"
                        + "用人单位在业务主管部门、档案存放机构或人社部门下；评审委员会在其组建单位（人社部门、业务主管部门或用人单位）下；"
                        + "考试机构在人社部门或业务主管部门下。",
                "5. 评审委员会须填写核准备案号、评审系列和评审层级；多个系列或层级用顿号或逗号分隔，如“中级、副高级”。",
                "6. 行政区划代码为6位数字；统一社会信用代码为18位。",
                "7. 整份文件全部校验通过才导入，任何一行有误都不导入，并给出逐行校验报告。",
                "");
        int r = 0;
        for (String line : lines) {
            var cell = notes.createRow(r++).createCell(0);
            cell.setCellValue(line);
            if (r == 1) {
                cell.setCellStyle(bold);
            }
        }
        Row head = notes.createRow(r++);
        head.createCell(0).setCellValue("评审系列");
        head.createCell(1).setCellValue("评审层级");
        head.getCell(0).setCellStyle(bold);
        head.getCell(1).setCellStyle(bold);
        List<String> series = catalogue.series();
        TitleLevel[] levels = TitleLevel.values();
        for (int i = 0; i < Math.max(series.size(), levels.length); i++) {
            Row row = notes.createRow(r++);
            if (i < series.size()) {
                row.createCell(0).setCellValue(series.get(i));
            }
            if (i < levels.length) {
                row.createCell(1).setCellValue(levelLabel(levels[i]));
            }
        }
        notes.setColumnWidth(0, 60 * 256);
        notes.setColumnWidth(1, 16 * 256);
    }
}
