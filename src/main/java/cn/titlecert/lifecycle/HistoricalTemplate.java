package cn.titlecert.lifecycle;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationConstraint;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.stereotype.Component;

import cn.titlecert.certificate.TitleLevel;

/**
 * The .xlsx template for historical certificates: the data sheet (headers, text-formatted number columns, date
 * columns, drop-downs) and a sheet of rules in Chinese with the title catalogue.
 */
@Component
public class HistoricalTemplate {

    static final String DATA_SHEET = "历史证书";
    static final String RULES_SHEET = "填写说明";
    private static final int ROWS_WITH_VALIDATION = 100_000;

    private final TitleCatalogue catalogue;
    private final ImportSettings settings;

    public HistoricalTemplate(TitleCatalogue catalogue, ImportSettings settings) {
        this.catalogue = catalogue;
        this.settings = settings;
    }

    public byte[] workbook() {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet(DATA_SHEET);
            CellStyle bold = workbook.createCellStyle();
            Font font = workbook.createFont();
            font.setBold(true);
            bold.setFont(font);
            CellStyle text = workbook.createCellStyle();
            text.setDataFormat(workbook.createDataFormat().getFormat("@"));
            CellStyle date = workbook.createCellStyle();
            date.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd"));
            Row header = sheet.createRow(0);
            for (HistoricalColumn column : HistoricalColumn.values()) {
                int i = column.ordinal();
                var cell = header.createCell(i);
                cell.setCellValue(column.header() + (column.required ? "*" : ""));
                cell.setCellStyle(bold);
                sheet.setColumnWidth(i, (isDate(column) ? 14 : column == HistoricalColumn.ID_NUMBER ? 22 : 16) * 256);
                sheet.setDefaultColumnStyle(i, isDate(column) ? date : text);
            }
            sheet.createFreezePane(0, 1);
            DataValidationHelper helper = sheet.getDataValidationHelper();
            dropDown(sheet, helper, HistoricalColumn.GENDER, "男", "女");
            dropDown(sheet, helper, HistoricalColumn.ID_TYPE, "居民身份证", "护照", "港澳居民来往内地通行证",
                    "台湾居民来往大陆通行证", "外国人永久居留身份证");
            dropDown(sheet, helper, HistoricalColumn.LEVEL, "正高级", "副高级", "中级", "助理级", "员级");
            dropDown(sheet, helper, HistoricalColumn.SERIES, catalogue.series().toArray(String[]::new));
            dropDown(sheet, helper, HistoricalColumn.REVIEW_TYPE, "社会化评审", "自主评审", "基层评审认定", "绿色通道",
                    "民营经济组织专项", "以考代评", "9+3");
            dropDown(sheet, helper, HistoricalColumn.PATH, "社会化评审", "自主评审", "自主聘任", "以考代评", "委托评审");
            for (HistoricalColumn column : HistoricalColumn.values()) {
                if (isDate(column)) {
                    DataValidationConstraint between = helper.createDateConstraint(
                            DataValidationConstraint.OperatorType.BETWEEN, "DATE(1900,1,1)", "TODAY()", "yyyy-mm-dd");
                    add(sheet, helper, column, between, "日期格式：2019-05-12，且不能晚于今天。");
                }
            }
            rules(workbook.createSheet(RULES_SHEET), bold);
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void rules(Sheet notes, CellStyle bold) {
        List<String> lines = List.of(
                "历史职称证书（存量纸质证书）导入模板",
                "1. 请在“" + DATA_SHEET + "”工作表第2行起逐行填写，一行一本证书；列名不可修改，列的顺序可以调整；带 * 的列必填。",
                "2. 日期格式为 2019-05-12（也接受 2019/5/12、2019年5月12日）；日期不能晚于今天；取得资格时间须在出生16年后；"
                        + "批准日期不早于取得资格时间；发证日期不早于取得资格时间和批准日期。",
                "3. 证件号码请以文本填写（本列已设为文本格式）；居民身份证按国家标准（GB 11643）校验18位及校验位，"
                        + "性别、出生日期须与身份证号码一致，可不填。",
                "4. 系列、层级、性别、证件类型、评审类型、取得方式请从下拉列表选择；资格名称须与层级相符（见下表）。",
                "5. 原证书编号填写纸质证书上印制的编号；同一编号、同一人员同一职称同一取得时间不得重复（文件内和系统内均不得重复）。",
                "6. 不要使用公式：含公式的单元格会被拒绝，请复制后“粘贴为数值”。",
                "7. 默认整份文件全部校验通过才导入，任何一行有误都不导入；也可选择“只导入正确的行”，错误行将列在校验报告中。",
                "8. " + settings.electronicSince() + " 及以后取得、且评审机构、批准单位、批准文号、批准日期、专业齐全的记录，"
                        + "将进入下一次发证批次生成电子证书（须上传照片）；更早取得的证书只提供查询核验，不提供电子证书下载。",
                "9. 用人单位编码可不填；填写时须为本机关管辖范围内的单位。",
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
        String[] titles = {"系列", "员级", "助理级", "中级", "副高级", "正高级"};
        for (int i = 0; i < titles.length; i++) {
            head.createCell(i).setCellValue(titles[i]);
            head.getCell(i).setCellStyle(bold);
        }
        TitleLevel[] order = {TitleLevel.JUNIOR, TitleLevel.ASSISTANT, TitleLevel.INTERMEDIATE, TitleLevel.DEPUTY_SENIOR,
                TitleLevel.SENIOR};
        Map<String, Map<TitleLevel, String>> all = catalogue.all();
        for (String series : catalogue.series()) {
            Row row = notes.createRow(r++);
            row.createCell(0).setCellValue(series);
            for (int i = 0; i < order.length; i++) {
                row.createCell(i + 1).setCellValue(all.get(series).getOrDefault(order[i], "—"));
            }
        }
        r++;
        Row example = notes.createRow(r++);
        example.createCell(0).setCellValue("示例（请勿填入本表）：");
        String[] sample = {"张三", "男", "1980-05-12", "居民身份证", "120101198005120016", "", "工程技术", "电子信息",
                "高级工程师", "副高级", "社会化评审", "社会化评审", "2015-12-20", "天津市电子信息专业高级评审委员会",
                "天津市人力资源和社会保障局", "津人社职〔2015〕12号", "2015-12-30", "津B20150001", "天津市人力资源和社会保障局",
                "2016-01-15", ""};
        Row sampleRow = notes.createRow(r);
        for (int i = 0; i < sample.length; i++) {
            sampleRow.createCell(i).setCellValue(sample[i]);
        }
        notes.setColumnWidth(0, 40 * 256);
        for (int i = 1; i < 8; i++) {
            notes.setColumnWidth(i, 16 * 256);
        }
    }

    private static boolean isDate(HistoricalColumn column) {
        return switch (column) {
            case BIRTH_DATE, OBTAINED_ON, APPROVAL_DATE, ISSUED_ON -> true;
            default -> false;
        };
    }

    private static void dropDown(Sheet sheet, DataValidationHelper helper, HistoricalColumn column, String... values) {
        add(sheet, helper, column, helper.createExplicitListConstraint(values), "请从下拉列表中选择。");
    }

    private static void add(Sheet sheet, DataValidationHelper helper, HistoricalColumn column,
            DataValidationConstraint constraint, String error) {
        DataValidation validation = helper.createValidation(constraint,
                new CellRangeAddressList(1, ROWS_WITH_VALIDATION, column.ordinal(), column.ordinal()));
        validation.setShowErrorBox(true);
        validation.createErrorBox("输入有误", error);
        sheet.addValidationData(validation);
    }
}
