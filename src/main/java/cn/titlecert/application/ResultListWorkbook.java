package cn.titlecert.application;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationConstraint;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import cn.titlecert.certificate.TitleLevel;
import cn.titlecert.error.DomainException;
import cn.titlecert.person.Gender;
import cn.titlecert.person.IdType;

/**
 * The .xlsx form of a result list: the template staff download, and reading an uploaded list into rows.
 * Values may be given as the API's codes or in Chinese (正高级, 社会化评审, 居民身份证, 男…).
 */
public final class ResultListWorkbook {

    static final int MAX_ROWS = 5000;
    private static final DateTimeFormatter[] DATE_FORMATS = {DateTimeFormatter.ISO_LOCAL_DATE,
            DateTimeFormatter.ofPattern("yyyy/M/d"), DateTimeFormatter.ofPattern("yyyy.M.d"),
            DateTimeFormatter.ofPattern("yyyyMMdd")};

    /** The columns, in order; the first row of the sheet names them in Chinese. */
    enum Column {
        PATH("取得方式", false), NAME("姓名", true), GENDER("性别", false), BIRTH_DATE("出生日期", false),
        ID_TYPE("证件类型", false), ID_NUMBER("证件号码", true), PHONE("手机号码", false), SERIES("系列", true),
        SPECIALTY("专业", false), TITLE("资格名称", true), LEVEL("层级", true), OBTAINED_ON("取得资格时间", true),
        EMPLOYER("用人单位编码", false), REVIEW_BODY("评审机构编码", false), FILED_ON("评审结果核准备案日期", false),
        REVIEW_TYPE("评审类型", false);

        final String header;
        final boolean required;

        Column(String header, boolean required) {
            this.header = header;
            this.required = required;
        }
    }

    /** One data row as read, or the reason it could not be read. */
    public record ParsedRow(int rowNumber, Map<Column, String> values, String errorCode, Object[] errorArgs) {
    }

    private ResultListWorkbook() {
    }

    public static byte[] template() {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("评审结果");
            Row header = sheet.createRow(0);
            Column[] columns = Column.values();
            for (int i = 0; i < columns.length; i++) {
                header.createCell(i).setCellValue(columns[i].header + (columns[i].required ? "*" : ""));
                sheet.setColumnWidth(i, 18 * 256);
            }
            Row example = sheet.createRow(1);
            String[] sample = {"社会化评审", "张三", "男", "1988-05-12", "居民身份证", "120101198805120014", "13800000001",
                    "工程技术", "电子信息", "高级工程师", "副高级", "2026-10-20", "TJ-EMP-BHDZ", "TJ-CMT-DZXX", "2026-10-20", "社会化评审"};
            for (int i = 0; i < sample.length; i++) {
                example.createCell(i).setCellValue(sample[i]);
            }
            DataValidationHelper helper = sheet.getDataValidationHelper();
            dropDown(sheet, helper, Column.PATH, "社会化评审", "自主评审", "以考代评", "自主聘任", "委托评审");
            dropDown(sheet, helper, Column.LEVEL, "正高级", "副高级", "中级", "助理级", "员级");
            dropDown(sheet, helper, Column.GENDER, "男", "女");
            dropDown(sheet, helper, Column.ID_TYPE, "居民身份证", "护照", "港澳居民来往内地通行证", "台湾居民来往大陆通行证", "外国人永久居留身份证");
            Sheet notes = workbook.createSheet("填写说明");
            String[] lines = {"带 * 的列必填；第2行为示例，上传前请删除。", "日期格式：2026-10-20。",
                    "证件号码按国家标准校验（18位，含校验位）；手机号码为11位。", "用人单位编码、评审机构编码见系统中的单位列表；评审机构默认为上传单位。",
                    "社会化评审、自主评审须填写评审结果核准备案日期（备案后5个工作日内上传）。",
                    "整个文件校验通过后才会导入；任何一行有误都不会导入，并逐行列出错误。"};
            for (int i = 0; i < lines.length; i++) {
                notes.createRow(i).createCell(0).setCellValue(lines[i]);
            }
            notes.setColumnWidth(0, 90 * 256);
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void dropDown(Sheet sheet, DataValidationHelper helper, Column column, String... values) {
        DataValidationConstraint constraint = helper.createExplicitListConstraint(values);
        DataValidation validation = helper.createValidation(constraint,
                new CellRangeAddressList(1, MAX_ROWS, column.ordinal(), column.ordinal()));
        validation.setShowErrorBox(true);
        sheet.addValidationData(validation);
    }

    /** Reads the first sheet; refuses what is not an .xlsx or lacks a required column. */
    public static List<ParsedRow> read(InputStream in) {
        Workbook workbook;
        try {
            workbook = new XSSFWorkbook(in);
        } catch (IOException | RuntimeException e) {
            // Not a zip, not OOXML, an encrypted or a bomb-like file: POI refuses, and so do we.
            throw DomainException.badRequest("batch.not-xlsx");
        }
        try (workbook) {
            if (workbook.getNumberOfSheets() == 0) {
                throw DomainException.badRequest("batch.empty");
            }
            Sheet sheet = workbook.getSheetAt(0);
            Row header = sheet.getRow(sheet.getFirstRowNum());
            if (header == null) {
                throw DomainException.badRequest("batch.empty");
            }
            Map<Column, Integer> positions = new HashMap<>();
            for (Cell cell : header) {
                String text = cell.getCellType() == CellType.STRING ? cell.getStringCellValue().replace("*", "").strip() : "";
                for (Column column : Column.values()) {
                    if (column.header.equals(text)) {
                        positions.put(column, cell.getColumnIndex());
                    }
                }
            }
            for (Column column : Column.values()) {
                if (column.required && !positions.containsKey(column)) {
                    throw DomainException.badRequest("batch.missing-column", column.header);
                }
            }
            List<ParsedRow> rows = new ArrayList<>();
            for (int r = header.getRowNum() + 1; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                if (row == null || isBlank(row, positions)) {
                    continue;
                }
                if (rows.size() >= MAX_ROWS) {
                    throw DomainException.badRequest("batch.too-many-rows", MAX_ROWS);
                }
                rows.add(readRow(row, positions));
            }
            if (rows.isEmpty()) {
                throw DomainException.badRequest("batch.empty");
            }
            return rows;
        } catch (IOException e) {
            throw DomainException.badRequest("batch.not-xlsx");
        }
    }

    private static ParsedRow readRow(Row row, Map<Column, Integer> positions) {
        Map<Column, String> values = new HashMap<>();
        int number = row.getRowNum() + 1;
        for (Map.Entry<Column, Integer> entry : positions.entrySet()) {
            Cell cell = row.getCell(entry.getValue());
            if (cell == null) {
                continue;
            }
            switch (cell.getCellType()) {
                case STRING -> values.put(entry.getKey(), cell.getStringCellValue().strip());
                case NUMERIC -> {
                    if (DateUtil.isCellDateFormatted(cell)) {
                        values.put(entry.getKey(), cell.getLocalDateTimeCellValue().toLocalDate().toString());
                    } else {
                        // ID and phone numbers typed as numbers lose nothing up to 15 digits; longer ones are refused.
                        double d = cell.getNumericCellValue();
                        values.put(entry.getKey(), d == Math.rint(d) && Math.abs(d) < 1e15
                                ? String.valueOf((long) d) : String.valueOf(d));
                    }
                }
                case BOOLEAN -> values.put(entry.getKey(), String.valueOf(cell.getBooleanCellValue()));
                case FORMULA -> {
                    return new ParsedRow(number, values, "batch.formula", new Object[] {entry.getKey().header});
                }
                default -> {
                }
            }
        }
        return new ParsedRow(number, values, null, null);
    }

    private static boolean isBlank(Row row, Map<Column, Integer> positions) {
        for (Integer position : positions.values()) {
            Cell cell = row.getCell(position);
            if (cell != null && cell.getCellType() != CellType.BLANK
                    && !(cell.getCellType() == CellType.STRING && cell.getStringCellValue().isBlank())) {
                return false;
            }
        }
        return true;
    }

    public static AcquisitionPath path(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.strip()) {
            case "社会化评审" -> AcquisitionPath.SOCIAL_REVIEW;
            case "自主评审" -> AcquisitionPath.SELF_REVIEW;
            case "自主聘任" -> AcquisitionPath.SELF_APPOINTMENT;
            case "以考代评" -> AcquisitionPath.EXAM_IN_LIEU;
            case "委托评审" -> AcquisitionPath.COMMISSIONED_REVIEW;
            default -> enumValue(AcquisitionPath.class, value, "batch.bad-path");
        };
    }

    public static TitleLevel level(String value) {
        return switch (value.strip()) {
            case "正高级", "正高" -> TitleLevel.SENIOR;
            case "副高级", "副高" -> TitleLevel.DEPUTY_SENIOR;
            case "中级" -> TitleLevel.INTERMEDIATE;
            case "助理级", "初级" -> TitleLevel.ASSISTANT;
            case "员级" -> TitleLevel.JUNIOR;
            default -> enumValue(TitleLevel.class, value, "batch.bad-level");
        };
    }

    public static Gender gender(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.strip()) {
            case "男" -> Gender.M;
            case "女" -> Gender.F;
            default -> enumValue(Gender.class, value, "batch.bad-gender");
        };
    }

    public static IdType idType(String value) {
        if (value == null || value.isBlank()) {
            return IdType.RESIDENT_ID;
        }
        return switch (value.strip()) {
            case "居民身份证", "身份证" -> IdType.RESIDENT_ID;
            case "护照" -> IdType.PASSPORT;
            case "港澳居民来往内地通行证" -> IdType.HK_MACAO_PERMIT;
            case "台湾居民来往大陆通行证" -> IdType.TAIWAN_PERMIT;
            case "外国人永久居留身份证" -> IdType.FOREIGN_PERMANENT_RESIDENT;
            default -> enumValue(IdType.class, value, "batch.bad-id-type");
        };
    }

    public static ReviewType reviewType(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.strip()) {
            case "社会化评审" -> ReviewType.SOCIAL;
            case "自主评审" -> ReviewType.SELF;
            case "基层评审认定", "基层" -> ReviewType.GRASSROOTS;
            case "绿色通道" -> ReviewType.GREEN_CHANNEL;
            case "民营经济组织专项", "民营经济" -> ReviewType.PRIVATE_ECONOMY;
            case "以考代评" -> ReviewType.EXAM_IN_LIEU;
            case "9+3", "定向评价", "“9+3”定向评价" -> ReviewType.TARGETED_9_PLUS_3;
            default -> enumValue(ReviewType.class, value, "batch.bad-review-type");
        };
    }

    public static LocalDate date(String value, String column) {
        if (value == null || value.isBlank()) {
            return null;
        }
        for (DateTimeFormatter format : DATE_FORMATS) {
            try {
                return LocalDate.parse(value.strip(), format);
            } catch (DateTimeParseException ignored) {
                // try the next notation
            }
        }
        throw DomainException.badRequest("batch.bad-date", column);
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String value, String code) {
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw DomainException.badRequest(code, value);
        }
    }
}
