package cn.titlecert.organisation;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.poi.EmptyFileException;
import org.apache.poi.UnsupportedFileFormatException;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.titlecert.audit.AuditTrail;
import cn.titlecert.certificate.TitleLevel;
import cn.titlecert.error.DomainException;
import cn.titlecert.error.ErrorMessages;
import cn.titlecert.organisation.OrganisationTemplate.Column;
import cn.titlecert.security.CurrentUser;

/**
 * A tree from .xlsx: every row is checked (its fields, its code against the file and the database, its parent: an
 * organisation in the caller's scope or an earlier row of the sheet, and the placement rules), and then either all
 * rows are stored in one transaction or none is. The answer is a row-by-row report.
 */
@Service
public class OrganisationImport {

    static final int MAX_ROWS = 5000;

    private final OrganisationManagement management;
    private final OrganisationMapper organisations;
    private final OrganisationTemplate template;
    private final ErrorMessages messages;
    private final AuditTrail audit;

    public OrganisationImport(OrganisationManagement management, OrganisationMapper organisations,
            OrganisationTemplate template, ErrorMessages messages, AuditTrail audit) {
        this.management = management;
        this.organisations = organisations;
        this.template = template;
        this.messages = messages;
        this.audit = audit;
    }

    /** One problem of one row (the sheet's row number, as Excel shows it), in the caller's language. */
    public record RowError(int row, String code, String message) {
    }

    /** A row stored: its row number, the new organisation's id and code. */
    public record Created(int row, long id, String code) {
    }

    /** {@code outcome}: IMPORTED (every row) or REJECTED (nothing stored). */
    public record Report(String outcome, int total, int imported, int rejected, List<RowError> errors,
            List<Created> created) {
    }

    /** One data row as read. */
    record Line(int row, Map<Column, String> values, String formulaColumn) {
        String get(Column c) {
            return values.get(c);
        }
    }

    @Transactional
    public Report importFile(CurrentUser user, InputStream in) {
        OrganisationManagement.requireManager(user);
        List<Line> lines = read(in);
        List<RowError> errors = new ArrayList<>();
        Set<Integer> badRows = new LinkedHashSet<>();
        Map<String, OrganisationManagement.Checked> earlier = new HashMap<>();
        Set<String> named = new LinkedHashSet<>();
        for (Line line : lines) {
            named.add(line.get(Column.CODE));
            named.add(line.get(Column.PARENT_CODE));
        }
        named.remove(null);
        Map<String, Organisation> existing = new HashMap<>();
        if (!named.isEmpty()) {
            organisations.findByCodes(named).forEach(o -> existing.put(o.code(), o));
        }
        Map<String, Integer> rowOfCode = new HashMap<>();
        List<OrganisationManagement.Checked> checked = new ArrayList<>();
        for (Line line : lines) {
            List<DomainException> problems = new ArrayList<>();
            OrganisationManagement.Checked c = null;
            if (line.formulaColumn() != null) {
                problems.add(DomainException.badRequest("organisation-import.formula", line.formulaColumn()));
            } else {
                try {
                    c = management.check(form(line));
                } catch (DomainException e) {
                    problems.add(e);
                }
            }
            if (c != null) {
                if (rowOfCode.containsKey(c.code())) {
                    problems.add(DomainException.badRequest("organisation-import.duplicate-code", c.code(),
                            rowOfCode.get(c.code())));
                } else if (existing.containsKey(c.code())) {
                    problems.add(DomainException.conflict("organisation.exists", c.code()));
                }
                String parentCode = line.get(Column.PARENT_CODE);
                try {
                    if (parentCode == null) {
                        management.parentFor(user, null);
                        OrganisationManagement.place(c.type(), null);
                    } else if (earlier.containsKey(parentCode)) {
                        OrganisationType parentType = earlier.get(parentCode).type();
                        if (!c.type().mayHang(parentType)) {
                            throw DomainException.badRequest("organisation.placement",
                                    OrganisationManagement.label(c.type()), OrganisationManagement.label(parentType));
                        }
                    } else if (existing.containsKey(parentCode)) {
                        OrganisationManagement.place(c.type(),
                                management.parentFor(user, existing.get(parentCode).id()));
                    } else if (rowOfCode.containsKey(parentCode)) {
                        throw DomainException.badRequest("organisation-import.parent-row-invalid", parentCode,
                                rowOfCode.get(parentCode));
                    } else if (lines.stream().anyMatch(l -> parentCode.equals(l.get(Column.CODE)))) {
                        throw DomainException.badRequest("organisation-import.parent-later", parentCode);
                    } else {
                        throw DomainException.badRequest("organisation-import.parent-unknown", parentCode);
                    }
                } catch (DomainException e) {
                    problems.add(e);
                }
                rowOfCode.putIfAbsent(c.code(), line.row());
                if (problems.isEmpty()) {
                    earlier.put(c.code(), c);
                }
            }
            checked.add(c);
            for (DomainException p : problems) {
                badRows.add(line.row());
                errors.add(new RowError(line.row(), p.code(), text(p)));
            }
        }
        if (!errors.isEmpty()) {
            return new Report("REJECTED", lines.size(), 0, badRows.size(), errors, List.of());
        }
        List<Created> created = new ArrayList<>();
        Map<String, Organisation> stored = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            OrganisationManagement.Checked c = checked.get(i);
            String parentCode = line.get(Column.PARENT_CODE);
            Organisation parent = null;
            if (parentCode != null) {
                parent = stored.get(parentCode);
                if (parent == null) {
                    long parentId = existing.get(parentCode).id();
                    organisations.lockForUpdate(List.of(parentId));
                    // Re-read under the lock: retired or moved out of scope meanwhile means refusing the whole file.
                    parent = management.parentFor(user, parentId);
                    OrganisationManagement.place(c.type(), parent);
                }
            }
            OrganisationManagement.Checked placed = new OrganisationManagement.Checked(c.code(), c.name(), c.type(),
                    parent == null ? null : parent.id(), c.regionCode(), c.creditCode(), c.approvalNumber(),
                    c.reviewSeries(), c.reviewLevels(), c.reason());
            Organisation o = management.insert(user, placed, parent, "import row " + line.row());
            stored.put(o.code(), o);
            created.add(new Created(line.row(), o.id(), o.code()));
        }
        audit.record(user, "ORGANISATIONS_IMPORTED", "organisation", null, created.size() + " organisations: "
                + String.join(",", created.stream().map(Created::code).toList()), null);
        return new Report("IMPORTED", lines.size(), created.size(), 0, List.of(), created);
    }

    private String text(DomainException e) {
        return messages.text(e.messageKey(), e.args());
    }

    private OrganisationForm form(Line line) {
        return new OrganisationForm(line.get(Column.CODE), line.get(Column.NAME), typeName(line.get(Column.TYPE)),
                null, line.get(Column.REGION_CODE), line.get(Column.CREDIT_CODE), line.get(Column.APPROVAL_NUMBER),
                list(line.get(Column.REVIEW_SERIES)),
                list(line.get(Column.REVIEW_LEVELS)).stream().map(this::levelName).toList(), null);
    }

    /** The drop-down's Chinese label, or the enumeration's name. */
    private String typeName(String value) {
        if (value == null) {
            return null;
        }
        for (OrganisationType t : OrganisationType.values()) {
            if (template.typeLabel(t).equals(value)) {
                return t.name();
            }
        }
        return value;
    }

    private String levelName(String value) {
        for (TitleLevel l : TitleLevel.values()) {
            if (template.levelLabel(l).equals(value)) {
                return l.name();
            }
        }
        return value;
    }

    private static List<String> list(String value) {
        if (value == null) {
            return List.of();
        }
        return Arrays.stream(value.split("[,，、;；\\s]+")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private List<Line> read(InputStream in) {
        try (Workbook workbook = new XSSFWorkbook(in)) {
            Sheet sheet = Optional.ofNullable(workbook.getSheet(OrganisationTemplate.DATA_SHEET))
                    .orElseGet(() -> workbook.getNumberOfSheets() > 0 ? workbook.getSheetAt(0) : null);
            if (sheet == null || sheet.getRow(0) == null) {
                throw DomainException.badRequest("organisation-import.no-rows", OrganisationTemplate.DATA_SHEET);
            }
            DataFormatter formatter = new DataFormatter(java.util.Locale.ROOT);
            Map<Column, Integer> index = new LinkedHashMap<>();
            Row header = sheet.getRow(0);
            for (Cell cell : header) {
                String h = formatter.formatCellValue(cell).replace("*", "").strip();
                for (Column c : Column.values()) {
                    if (c.header.equals(h)) {
                        index.put(c, cell.getColumnIndex());
                    }
                }
            }
            List<String> missing = Arrays.stream(Column.values()).filter(c -> c.required && !index.containsKey(c))
                    .map(c -> c.header).toList();
            if (!missing.isEmpty()) {
                throw DomainException.badRequest("organisation-import.missing-columns", String.join("、", missing));
            }
            List<Line> lines = new ArrayList<>();
            for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                if (row == null) {
                    continue;
                }
                Map<Column, String> values = new LinkedHashMap<>();
                String formula = null;
                for (Map.Entry<Column, Integer> e : index.entrySet()) {
                    Cell cell = row.getCell(e.getValue());
                    if (cell == null) {
                        continue;
                    }
                    if (cell.getCellType() == CellType.FORMULA) {
                        formula = formula == null ? e.getKey().header : formula;
                        continue;
                    }
                    String v = OrganisationManagement.trim(formatter.formatCellValue(cell));
                    if (v != null) {
                        values.put(e.getKey(), v);
                    }
                }
                if (values.isEmpty() && formula == null) {
                    continue;
                }
                if (lines.size() >= MAX_ROWS) {
                    throw DomainException.badRequest("organisation-import.too-many-rows", MAX_ROWS);
                }
                lines.add(new Line(r + 1, values, formula));
            }
            if (lines.isEmpty()) {
                throw DomainException.badRequest("organisation-import.no-rows", sheet.getSheetName());
            }
            return lines;
        } catch (EmptyFileException | UnsupportedFileFormatException | org.apache.poi.ooxml.POIXMLException e) {
            throw DomainException.badRequest("organisation-import.not-xlsx");
        } catch (IOException | RuntimeException e) {
            if (e instanceof DomainException d) {
                throw d;
            }
            throw DomainException.badRequest("organisation-import.not-xlsx");
        }
    }
}
