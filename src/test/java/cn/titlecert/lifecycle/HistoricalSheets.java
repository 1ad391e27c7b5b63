package cn.titlecert.lifecycle;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import cn.titlecert.TestIdNumbers;

/** Spreadsheets of historical certificates for the tests, good and broken, built the way users build them. */
final class HistoricalSheets {

    static final String[] HEADERS = {"姓名*", "性别", "出生日期", "证件类型", "证件号码*", "手机号码", "系列*", "专业*",
            "资格名称*", "层级*", "评审类型", "取得方式", "取得资格时间*", "评审机构", "批准单位", "批准文号", "批准日期",
            "原证书编号*", "发证机关*", "发证日期*"};
    static final int NAME = 0;
    static final int ID = 4;
    static final int SERIES = 6;
    static final int TITLE = 8;
    static final int LEVEL = 9;
    static final int OBTAINED = 12;
    static final int APPROVED = 16;
    static final int NUMBER = 17;
    static final int ISSUED = 19;

    private HistoricalSheets() {
    }

    /** A resident ID of someone born 1965–1985. */
    static String idNumber() {
        return TestIdNumbers.residentId(LocalDate.of(1965, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(0, 7300)),
                ThreadLocalRandom.current().nextBoolean());
    }

    static String number() {
        return "HX" + ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L);
    }

    /** A complete paper certificate of 2015 (older than electronic-since: verification only). */
    static String[] old(String name, String idNumber, String number) {
        return new String[] {name, "", "", "居民身份证", idNumber, "", "工程技术", "电子信息", "高级工程师", "副高级", "社会化评审",
                "", "2015-12-20", "天津市电子信息专业高级评审委员会", "天津市人力资源和社会保障局", "津人社职〔2015〕12号",
                "2015-12-30", number, "天津市人力资源和社会保障局", "2016-01-15"};
    }

    /** A complete paper certificate of 2021 (on or after electronic-since: enters the next issuance). */
    static String[] recent(String name, String idNumber, String number) {
        String[] row = old(name, idNumber, number);
        row[OBTAINED] = "2021-06-01";
        row[APPROVED] = "2021-06-10";
        row[ISSUED] = "2021-07-01";
        row[15] = "津人社职〔2021〕7号";
        return row;
    }

    static byte[] workbook(String[]... rows) {
        return workbook("历史证书", HEADERS, List.of(rows), sheet -> {
        });
    }

    static byte[] workbook(String sheetName, String[] headers, List<String[]> rows, Consumer<Sheet> change) {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = wb.createSheet(sheetName);
            fill(sheet, headers, rows);
            change.accept(sheet);
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void fill(Sheet sheet, String[] headers, List<String[]> rows) {
        Row header = sheet.createRow(0);
        for (int i = 0; i < headers.length; i++) {
            header.createCell(i).setCellValue(headers[i]);
        }
        for (int r = 0; r < rows.size(); r++) {
            Row row = sheet.createRow(r + 1);
            for (int c = 0; c < rows.get(r).length; c++) {
                row.createCell(c).setCellValue(rows.get(r)[c]);
            }
        }
    }

    static List<String[]> rows(String[]... rows) {
        return new ArrayList<>(List.of(rows));
    }
}
