package cn.titlecert.lifecycle;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;

import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

import cn.titlecert.error.DomainException;

/**
 * Reads an .xlsx row by row with POI's event API (SAX over the sheet XML), so 100,000 rows never sit in memory as
 * a workbook. Each cell comes with its kind and whether it holds a formula; dates are recognised by their number
 * format, as Excel shows them. The file is checked before POI sees it: a zip, not an old .xls or an encrypted
 * file, and not inflating beyond the configured size (zip bombs).
 */
final class XlsxStream implements AutoCloseable {

    enum Kind { TEXT, NUMBER, DATE, BOOLEAN, ERROR }

    /** One cell as read: {@code formula} when the cell is computed (its cached result is {@code text}). */
    record CellValue(Kind kind, String text, boolean formula) {
    }

    /** Receives the rows of one sheet; returns false to stop reading it. */
    interface RowHandler {
        boolean row(int rowNumber, Map<Integer, CellValue> cells);
    }

    private static final byte[] ZIP = {'P', 'K', 3, 4};
    private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0};

    private final OPCPackage pkg;
    private final XSSFReader reader;
    private final ReadOnlySharedStringsTable strings;
    private final StylesTable styles;

    private XlsxStream(OPCPackage pkg) throws IOException, OpenXML4JException, SAXException {
        this.pkg = pkg;
        this.reader = new XSSFReader(pkg);
        this.strings = new ReadOnlySharedStringsTable(pkg, false);
        this.styles = reader.getStylesTable();
    }

    /** Opens the file, or refuses it with a reason the user can act on. */
    static XlsxStream open(Path file, long maxInflated) {
        byte[] head = new byte[4];
        try (InputStream in = Files.newInputStream(file)) {
            if (in.readNBytes(head, 0, 4) < 4) {
                throw DomainException.badRequest("import.empty-file");
            }
        } catch (IOException e) {
            throw DomainException.badRequest("import.not-xlsx");
        }
        if (java.util.Arrays.equals(head, OLE2)) {
            // Excel 97–2003 (.xls), and also any password-protected .xlsx, are OLE2 containers.
            throw DomainException.badRequest("import.xls-or-encrypted");
        }
        if (!java.util.Arrays.equals(head, ZIP)) {
            throw DomainException.badRequest("import.not-xlsx");
        }
        checkInflatedSize(file, maxInflated);
        OPCPackage pkg = null;
        try {
            pkg = OPCPackage.open(file.toFile(), PackageAccess.READ);
            return new XlsxStream(pkg);
        } catch (IOException | SAXException | OpenXML4JException | RuntimeException e) {
            if (pkg != null) {
                pkg.revert();
            }
            // A zip that is not a spreadsheet (a .docx, a renamed archive), or one POI finds bomb-like.
            throw DomainException.badRequest("import.not-xlsx");
        }
    }

    /** The central directory's sizes, summed: refused before anything is inflated. */
    private static void checkInflatedSize(Path file, long maxInflated) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            long total = 0;
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements();) {
                ZipEntry entry = e.nextElement();
                long size = entry.getSize();
                if (size < 0 || (total += size) > maxInflated) {
                    throw DomainException.badRequest("import.inflates-too-much");
                }
            }
        } catch (IOException e) {
            throw DomainException.badRequest("import.not-xlsx");
        }
    }

    /** The sheets' names in workbook order. */
    List<String> sheetNames() {
        List<String> names = new ArrayList<>();
        try {
            XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
            while (sheets.hasNext()) {
                try (InputStream ignored = sheets.next()) {
                    names.add(sheets.getSheetName());
                }
            }
        } catch (IOException | InvalidFormatException e) {
            throw DomainException.badRequest("import.not-xlsx");
        }
        return names;
    }

    /** Streams the rows of the sheet at this position to the handler. */
    void readSheet(int index, RowHandler handler) {
        try {
            XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
            for (int i = 0; sheets.hasNext(); i++) {
                try (InputStream sheet = sheets.next()) {
                    if (i == index) {
                        SAXParser parser = XMLHelper.getSaxParserFactory().newSAXParser();
                        parser.parse(new InputSource(sheet), new SheetHandler(handler));
                        return;
                    }
                }
            }
        } catch (Stop stop) {
            // the handler had enough
        } catch (DomainException e) {
            throw e;
        } catch (IOException | InvalidFormatException | SAXException | ParserConfigurationException
                | RuntimeException e) {
            throw DomainException.badRequest("import.not-xlsx");
        }
    }

    @Override
    public void close() {
        pkg.revert(); // opened read-only: nothing to save
    }

    private static final class Stop extends SAXException {
        private static final long serialVersionUID = 1L;
    }

    private final class SheetHandler extends DefaultHandler {

        private final RowHandler handler;
        private final Map<Integer, Boolean> dateStyles = new HashMap<>();
        private Map<Integer, CellValue> cells = new HashMap<>();
        private final StringBuilder text = new StringBuilder();
        private int rowNumber;
        private int nextColumn;
        private int column;
        private String type;
        private int style;
        private boolean formula;
        private boolean collect;
        private boolean inInlineString;

        SheetHandler(RowHandler handler) {
            this.handler = handler;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            switch (localName) {
                case "row" -> {
                    String r = attributes.getValue("r");
                    rowNumber = r == null ? rowNumber + 1 : Integer.parseInt(r);
                    cells = new HashMap<>();
                    nextColumn = 0;
                }
                case "c" -> {
                    String ref = attributes.getValue("r");
                    column = ref == null ? nextColumn : columnOf(ref);
                    nextColumn = column + 1;
                    type = attributes.getValue("t");
                    String s = attributes.getValue("s");
                    style = s == null ? 0 : Integer.parseInt(s);
                    formula = false;
                    text.setLength(0);
                }
                case "f" -> formula = true;
                case "v" -> collect = true;
                case "is" -> inInlineString = true;
                case "t" -> collect = inInlineString;
                default -> {
                }
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (collect) {
                text.append(ch, start, length);
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) throws SAXException {
            switch (localName) {
                case "v", "t" -> collect = false;
                case "is" -> inInlineString = false;
                case "c" -> cells.put(column, value());
                case "row" -> {
                    if (!handler.row(rowNumber, cells)) {
                        throw new Stop();
                    }
                }
                default -> {
                }
            }
        }

        private CellValue value() {
            String raw = text.toString();
            if (type == null || type.equals("n")) {
                if (raw.isEmpty()) {
                    return new CellValue(Kind.TEXT, "", formula);
                }
                if (isDateStyle(style)) {
                    LocalDateTime date = DateUtil.getLocalDateTime(Double.parseDouble(raw));
                    return new CellValue(Kind.DATE, date == null ? raw : date.toLocalDate().toString(), formula);
                }
                return new CellValue(Kind.NUMBER, plain(raw), formula);
            }
            return switch (type) {
                case "s" -> new CellValue(Kind.TEXT, strings.getItemAt(Integer.parseInt(raw.strip())).getString(), formula);
                case "inlineStr", "str" -> new CellValue(Kind.TEXT, raw, formula);
                case "b" -> new CellValue(Kind.BOOLEAN, "1".equals(raw) ? "TRUE" : "FALSE", formula);
                case "d" -> new CellValue(Kind.DATE, raw.length() >= 10 ? raw.substring(0, 10) : raw, formula);
                default -> new CellValue(Kind.ERROR, raw, formula);
            };
        }

        private boolean isDateStyle(int index) {
            return dateStyles.computeIfAbsent(index, i -> {
                if (styles == null || i >= styles.getNumCellStyles()) {
                    return false;
                }
                XSSFCellStyle cellStyle = styles.getStyleAt(i);
                String format = cellStyle.getDataFormatString();
                return format != null && DateUtil.isADateFormat(cellStyle.getDataFormat(), format);
            });
        }
    }

    /** A number as Excel keeps it, written without exponent; an integral one without ".0". */
    private static String plain(String raw) {
        try {
            BigDecimal value = new BigDecimal(raw.strip()).stripTrailingZeros();
            return value.scale() < 0 ? value.setScale(0).toPlainString() : value.toPlainString();
        } catch (NumberFormatException e) {
            return raw;
        }
    }

    /** "AB12" → 27 (zero-based column). */
    static int columnOf(String ref) {
        int column = 0;
        for (int i = 0; i < ref.length() && Character.isLetter(ref.charAt(i)); i++) {
            column = column * 26 + (Character.toUpperCase(ref.charAt(i)) - 'A' + 1);
        }
        return column - 1;
    }
}
