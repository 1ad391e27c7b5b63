package cn.titlecert.audit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Audit entries as a file for the bureau: CSV (UTF-8 with a byte-order mark, so Excel reads Chinese) or .xlsx
 * (streamed, 100 rows in memory). Text cells that a spreadsheet would run as a formula are quoted.
 */
final class AuditExport {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(AuditQueries.CHINA);

    private static final List<Column> COLUMNS = List.of(
            new Column("id", e -> String.valueOf(e.id())),
            new Column("occurredAt", e -> TIME.format(e.occurredAt())),
            new Column("actor", AuditQueries.EntryView::actor),
            new Column("organisationId", e -> e.organisationId() == null ? "" : e.organisationId().toString()),
            new Column("organisation", AuditQueries.EntryView::organisationName),
            new Column("action", AuditQueries.EntryView::action),
            new Column("entityType", AuditQueries.EntryView::entityType),
            new Column("entityId", AuditQueries.EntryView::entityId),
            new Column("detail", AuditQueries.EntryView::detail),
            new Column("reason", AuditQueries.EntryView::reason),
            new Column("remoteAddr", AuditQueries.EntryView::remoteAddr),
            new Column("entryHash", AuditQueries.EntryView::entryHash));

    private record Column(String header, Function<AuditQueries.EntryView, String> value) {
    }

    /** A file being written: {@link #add} each entry, then {@link #finish}. */
    interface Sink {
        void add(AuditQueries.EntryView entry);

        byte[] finish();
    }

    static Sink csv() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Writer out = new OutputStreamWriter(bytes, StandardCharsets.UTF_8);
        try {
            out.write('\uFEFF');
            out.write(String.join(",", COLUMNS.stream().map(Column::header).toList()));
            out.write("\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Sink() {
            @Override
            public void add(AuditQueries.EntryView entry) {
                try {
                    out.write(String.join(",", COLUMNS.stream().map(c -> csvCell(c.value().apply(entry))).toList()));
                    out.write("\r\n");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public byte[] finish() {
                try {
                    out.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return bytes.toByteArray();
            }
        };
    }

    static Sink xlsx(String sheetName) {
        SXSSFWorkbook workbook = new SXSSFWorkbook(100);
        Sheet sheet = workbook.createSheet(sheetName);
        Row header = sheet.createRow(0);
        for (int i = 0; i < COLUMNS.size(); i++) {
            header.createCell(i).setCellValue(COLUMNS.get(i).header());
        }
        return new Sink() {
            private int next = 1;

            @Override
            public void add(AuditQueries.EntryView entry) {
                Row row = sheet.createRow(next++);
                for (int i = 0; i < COLUMNS.size(); i++) {
                    String value = COLUMNS.get(i).value().apply(entry);
                    // setCellValue(String) stores a text cell: Excel never evaluates it as a formula.
                    row.createCell(i).setCellValue(value == null ? "" : value);
                }
            }

            @Override
            public byte[] finish() {
                try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
                    workbook.write(out);
                    workbook.close();
                    return out.toByteArray();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    static String csvCell(String value) {
        if (value == null) {
            return "";
        }
        String text = value;
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            text = "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }

    private AuditExport() {
    }
}
