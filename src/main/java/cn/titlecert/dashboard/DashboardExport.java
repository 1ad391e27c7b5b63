package cn.titlecert.dashboard;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import cn.titlecert.certificate.CertificateIssuer;
import cn.titlecert.issuance.IssuanceOperations;

/**
 * The dashboard as a file: CSV (UTF-8 with a byte-order mark, so spreadsheet programs read the Chinese; one
 * block per section, each with its own header line) or Excel (one sheet per section). Headers in the caller's
 * language; codes stay codes so a file can be compared with the JSON.
 */
@Component
class DashboardExport {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(CertificateIssuer.CHINA);

    private final MessageSource messages;

    DashboardExport(MessageSource messages) {
        this.messages = messages;
    }

    /** One section: a name (sheet name, CSV block title), a header line and the rows. */
    record Table(String title, List<String> header, List<List<Object>> rows) {
    }

    List<Table> tables(DashboardService.Dashboard d, Locale locale) {
        List<Table> tables = new ArrayList<>();
        tables.add(new Table(m("dashboard.export.issued", locale),
                headers(locale, "dashboard.column.month", "dashboard.column.path", "dashboard.column.level",
                        "dashboard.column.count"),
                d.issued().rows().stream().map(r -> List.<Object>of(r.month(), r.path(), r.level(), r.count())).toList()));
        tables.add(new Table(m("dashboard.export.backlog", locale),
                headers(locale, "dashboard.column.tier", "dashboard.column.organisation", "dashboard.column.count",
                        "dashboard.column.oldest-since", "dashboard.column.oldest-application",
                        "dashboard.column.waiting-days"),
                d.backlog().tiers().stream().map(t -> row(t.stepName(), t.organisationName(), t.count(),
                        time(t.oldestSince()), t.oldestApplicationId(), t.oldestWaitingDays())).toList()));
        tables.add(new Table(m("dashboard.export.late-uploads", locale),
                headers(locale, "dashboard.column.application", "dashboard.column.path", "dashboard.column.review-body",
                        "dashboard.column.results-filed-on", "dashboard.column.deadline", "dashboard.column.uploaded-on",
                        "dashboard.column.working-days-late", "dashboard.column.escalation-open"),
                d.lateUploads().cases().stream().map(c -> row(c.applicationId(), c.path(), c.reviewBody(),
                        c.resultsFiledOn(), c.uploadDeadline(), c.uploadedOn(), c.workingDaysLate(),
                        c.escalationOpen())).toList()));
        tables.add(new Table(m("dashboard.export.waiting-for-photo", locale),
                headers(locale, "dashboard.column.application", "dashboard.column.issuance-month",
                        "dashboard.column.path", "dashboard.column.employer", "dashboard.column.since"),
                d.waitingForPhoto().cases().stream().map(c -> row(c.applicationId(), c.issuanceMonth(), c.path(),
                        c.employer(), time(c.waitingSince()))).toList()));
        tables.add(new Table(m("dashboard.export.cycle", locale),
                headers(locale, "dashboard.column.month", "dashboard.column.bureau", "dashboard.column.status",
                        "dashboard.column.total", "dashboard.column.generated", "dashboard.column.waiting-for-photo",
                        "dashboard.column.failed", "dashboard.column.excluded", "dashboard.column.release-on"),
                d.currentCycle().stream().map(DashboardExport::cycleRow).toList()));
        tables.add(new Table(m("dashboard.export.failed-jobs", locale),
                headers(locale, "dashboard.column.since", "dashboard.column.process", "dashboard.column.activity",
                        "dashboard.column.process-instance", "dashboard.column.job", "dashboard.column.message"),
                d.failedJobs().jobs().stream().map(j -> row(time(j.since()), j.processDefinitionKey(), j.activityId(),
                        j.processInstanceId(), j.jobId(), j.message())).toList()));
        return tables;
    }

    private static List<Object> cycleRow(IssuanceOperations.BatchView b) {
        return row(b.month(), b.bureauId(), b.status(), b.total(), b.generated(), b.waitingForPhoto(), b.failed(),
                b.excluded(), b.releaseOn());
    }

    byte[] csv(DashboardService.Dashboard d, Locale locale) {
        StringBuilder out = new StringBuilder("\uFEFF");
        for (Table table : tables(d, locale)) {
            line(out, List.of(table.title()));
            line(out, new ArrayList<>(table.header()));
            table.rows().forEach(r -> line(out, r));
            out.append("\r\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    byte[] xlsx(DashboardService.Dashboard d, Locale locale) {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream bytes = new ByteArrayOutputStream()) {
            for (Table table : tables(d, locale)) {
                Sheet sheet = book.createSheet(table.title());
                Row header = sheet.createRow(0);
                for (int c = 0; c < table.header().size(); c++) {
                    header.createCell(c).setCellValue(table.header().get(c));
                }
                int r = 1;
                for (List<Object> values : table.rows()) {
                    Row row = sheet.createRow(r++);
                    for (int c = 0; c < values.size(); c++) {
                        Object value = values.get(c);
                        if (value instanceof Number n) {
                            row.createCell(c).setCellValue(n.doubleValue());
                        } else if (value != null) {
                            row.createCell(c).setCellValue(value.toString());
                        }
                    }
                }
                for (int c = 0; c < table.header().size(); c++) {
                    sheet.setColumnWidth(c, 18 * 256);
                }
            }
            book.write(bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void line(StringBuilder out, List<?> values) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(values.get(i)));
        }
        out.append("\r\n");
    }

    /** RFC 4180 quoting; a leading =, +, - or @ is defused so a spreadsheet never runs a cell as a formula. */
    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (!(value instanceof Number) && !text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            text = "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }

    private List<String> headers(Locale locale, String... keys) {
        List<String> headers = new ArrayList<>();
        for (String key : keys) {
            headers.add(m(key, locale));
        }
        return headers;
    }

    private static List<Object> row(Object... values) {
        List<Object> row = new ArrayList<>();
        for (Object value : values) {
            row.add(value);
        }
        return row;
    }

    private static String time(Instant instant) {
        return instant == null ? null : TIME.format(instant);
    }

    private String m(String key, Locale locale) {
        return messages.getMessage(key, null, locale);
    }
}
