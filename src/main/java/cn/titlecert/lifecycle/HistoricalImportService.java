package cn.titlecert.lifecycle;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.annotation.JsonIgnore;

import cn.titlecert.audit.AuditTrail;
import cn.titlecert.certificate.CertificateIssuer;
import cn.titlecert.error.DomainException;
import cn.titlecert.error.ErrorMessages;
import cn.titlecert.organisation.Organisation;
import cn.titlecert.organisation.OrganisationService;
import cn.titlecert.person.NewPerson;
import cn.titlecert.person.Person;
import cn.titlecert.person.PersonService;
import cn.titlecert.persistence.BulkInsert;
import cn.titlecert.privacy.Masking;
import cn.titlecert.privacy.PersonalDataCipher;
import cn.titlecert.security.CurrentUser;
import cn.titlecert.security.Role;

/**
 * Historical certificates from Excel (R18): the file is read as a stream, every row checked (alone, against the
 * other rows, against the database), and then either everything is stored in one transaction or nothing is —
 * unless the bureau chose {@link ImportMode#VALID_ROWS_ONLY}. Every import, stored or refused, is kept with its
 * counts and a row-by-row report, and audited once.
 */
@Service
public class HistoricalImportService {

    static final String REPORT_FIELD = "certificate_import.report";
    /** Rows per multi-row INSERT and per IN list. */
    static final int CHUNK = 500;
    /** The JSON answer lists at most this many problems; the downloadable report lists them all. */
    static final int MAX_LISTED_ERRORS = 1000;

    private static final List<String> CERTIFICATE_COLUMNS = List.of("number", "application_id", "person_id",
            "holder_name", "path", "review_type", "title_series", "title_specialty", "title_name", "title_level",
            "obtained_on", "review_body_name", "approving_unit_name", "approval_doc_number", "approval_date",
            "issuing_authority", "issuing_org_id", "issued_on", "status", "rare_characters", "created_at", "source",
            "import_id", "holder_id_masked");
    private static final List<String> APPLICATION_COLUMNS = List.of("path", "review_type", "person_id", "employer_id",
            "title_series", "title_specialty", "title_name", "title_level", "obtained_on", "status", "issuance_month",
            "submitted_by", "submitted_at", "updated_at", "version", "review_body_name", "uploaded_late",
            "issuing_bureau_id", "approval_doc_number", "import_id");

    private final HistoricalImportMapper mapper;
    private final BulkInsert bulk;
    private final PersonService persons;
    private final OrganisationService organisations;
    private final TitleCatalogue catalogue;
    private final ImportSettings settings;
    private final ErrorMessages messages;
    private final PersonalDataCipher cipher;
    private final AuditTrail audit;
    private final Clock clock;
    private final TransactionTemplate transactions;

    public HistoricalImportService(HistoricalImportMapper mapper, BulkInsert bulk, PersonService persons,
            OrganisationService organisations, TitleCatalogue catalogue, ImportSettings settings, ErrorMessages messages,
            PersonalDataCipher cipher, AuditTrail audit, Clock clock, PlatformTransactionManager transactionManager) {
        this.mapper = mapper;
        this.bulk = bulk;
        this.persons = persons;
        this.organisations = organisations;
        this.catalogue = catalogue;
        this.settings = settings;
        this.messages = messages;
        this.cipher = cipher;
        this.audit = audit;
        this.clock = clock;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** One problem of one row, in the caller's language. */
    public record RowError(int row, String code, String message) {
    }

    /**
     * The answer to an upload. {@code outcome}: IMPORTED (every row), PARTIAL (only the good rows, as asked),
     * REJECTED (nothing stored). {@code electronicEligible}: stored records that enter the next issuance;
     * {@code queryOnly}: older than {@code electronicSince}, verifiable only; {@code incomplete}: recent but lacking
     * what an e-certificate prints.
     */
    public record Report(long importId, String outcome, ImportMode mode, String sheet, int total, int imported,
            int rejected, int newPersons, int electronicEligible, int queryOnly, int incomplete,
            LocalDate electronicSince, String reportUrl, List<RowError> errors, boolean errorsTruncated,
            @JsonIgnore Map<String, Long> timings) {
    }

    /** A row as it goes through the checks. */
    static final class Row {
        final int number;
        final String rawName;
        final String rawNumber;
        final String maskedId;
        HistoricalRecord record;
        final List<HistoricalRowCheck.Problem> problems = new ArrayList<>();
        String idHash;
        Long personId;
        Electronic electronic;

        Row(int number, String rawName, String rawNumber, String maskedId) {
            this.number = number;
            this.rawName = rawName;
            this.rawNumber = rawNumber;
            this.maskedId = maskedId;
        }

        boolean ok() {
            return problems.isEmpty();
        }

        void refuse(String code, Object... args) {
            problems.add(new HistoricalRowCheck.Problem(code, args));
            record = null;
        }
    }

    enum Electronic { ELIGIBLE, QUERY_ONLY, INCOMPLETE }

    /** The sheet that was read and its rows. */
    record Sheet(String name, List<Row> rows) {
    }

    public Report importFile(CurrentUser user, String fileName, long size, InputStream content, ImportMode mode) {
        requireBureau(user);
        if (size <= 0) {
            throw DomainException.badRequest("import.empty-file");
        }
        if (size > settings.maxFileSize().toBytes()) {
            throw new DomainException(HttpStatus.PAYLOAD_TOO_LARGE, "import.too-large",
                    settings.maxFileSize().toMegabytes());
        }
        Path file = null;
        try {
            file = Files.createTempFile("titlecert-import-", ".xlsx");
            Files.copy(content, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return importFile(user, fileName, file, mode);
        } catch (IOException e) {
            throw DomainException.badRequest("unreadable-request");
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // the temporary folder is cleaned by the system
                }
            }
        }
    }

    Report importFile(CurrentUser user, String fileName, Path file, ImportMode mode) {
        requireBureau(user);
        Map<String, Long> timings = new LinkedHashMap<>();
        long start = System.nanoTime();
        Sheet sheet = read(user, file);
        timings.put("readAndCheckRows", elapsed(start));
        start = System.nanoTime();
        checkWithinFile(sheet.rows());
        timings.put("duplicatesInFile", elapsed(start));
        start = System.nanoTime();
        checkAgainstDatabase(sheet.rows());
        timings.put("databaseChecks", elapsed(start));
        return store(user, fileName, sheet, mode, timings);
    }

    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** Finds the data sheet and its header, then checks each row alone. */
    Sheet read(CurrentUser user, Path file) {
        LocalDate today = LocalDate.now(clock.withZone(CertificateIssuer.CHINA));
        Map<String, Optional<Long>> employers = new HashMap<>();
        HistoricalRowCheck check = new HistoricalRowCheck(catalogue, today, code -> employers.computeIfAbsent(code,
                c -> organisations.findByCode(c).filter(o -> user.covers(o.treePath())).map(Organisation::id)));
        try (XlsxStream xlsx = XlsxStream.open(file, settings.maxInflatedSize().toBytes())) {
            List<String> names = xlsx.sheetNames();
            Set<HistoricalColumn> bestPartial = null;
            String partialSheet = null;
            for (int i = 0; i < names.size(); i++) {
                SheetReader reader = new SheetReader(check);
                xlsx.readSheet(i, reader);
                if (reader.header != null) {
                    if (reader.rows.isEmpty()) {
                        throw DomainException.badRequest("import.no-rows", names.get(i));
                    }
                    return new Sheet(names.get(i), reader.rows);
                }
                if (reader.partial != null && (bestPartial == null || reader.partial.size() > bestPartial.size())) {
                    bestPartial = reader.partial;
                    partialSheet = names.get(i);
                }
            }
            if (bestPartial != null) {
                List<String> missing = new ArrayList<>();
                for (HistoricalColumn column : HistoricalColumn.values()) {
                    if (column.required && !bestPartial.contains(column)) {
                        missing.add(column.header());
                    }
                }
                throw DomainException.badRequest("import.missing-columns", partialSheet, String.join("、", missing));
            }
            throw DomainException.badRequest("import.no-data-sheet", String.join("、", names));
        }
    }

    /**
     * Reads one sheet: the header must be among its first rows (a title line above it is fine); a sheet without
     * one is left after those rows. Data rows are checked as they stream by.
     */
    private final class SheetReader implements XlsxStream.RowHandler {
        static final int HEADER_SEARCH_ROWS = 5;
        final HistoricalRowCheck check;
        Map<Integer, HistoricalColumn> header;
        Set<HistoricalColumn> partial;
        final List<Row> rows = new ArrayList<>();
        int seen;

        SheetReader(HistoricalRowCheck check) {
            this.check = check;
        }

        @Override
        public boolean row(int rowNumber, Map<Integer, XlsxStream.CellValue> cells) {
            if (header == null) {
                Map<Integer, HistoricalColumn> found = new HashMap<>();
                cells.forEach((index, cell) -> HistoricalColumn.byHeader(cell.text())
                        .ifPresent(column -> found.putIfAbsent(index, column)));
                Set<HistoricalColumn> columns = new LinkedHashSet<>(found.values());
                boolean complete = java.util.Arrays.stream(HistoricalColumn.values())
                        .allMatch(c -> !c.required || columns.contains(c));
                if (complete) {
                    header = found;
                    return true;
                }
                if (columns.size() >= 3 && (partial == null || columns.size() > partial.size())) {
                    partial = columns;
                }
                return ++seen < HEADER_SEARCH_ROWS;
            }
            Map<HistoricalColumn, XlsxStream.CellValue> values = new java.util.EnumMap<>(HistoricalColumn.class);
            boolean blank = true;
            for (Map.Entry<Integer, HistoricalColumn> column : header.entrySet()) {
                XlsxStream.CellValue cell = cells.get(column.getKey());
                if (cell != null) {
                    values.put(column.getValue(), cell);
                    blank &= cell.text().isBlank() && !cell.formula();
                }
            }
            if (blank) {
                return true;
            }
            if (rows.size() >= settings.maxRows()) {
                throw DomainException.badRequest("import.too-many-rows", settings.maxRows());
            }
            rows.add(checked(rowNumber, values));
            return true;
        }

        private Row checked(int rowNumber, Map<HistoricalColumn, XlsxStream.CellValue> values) {
            XlsxStream.CellValue name = values.get(HistoricalColumn.NAME);
            XlsxStream.CellValue number = values.get(HistoricalColumn.CERTIFICATE_NUMBER);
            XlsxStream.CellValue id = values.get(HistoricalColumn.ID_NUMBER);
            Row row = new Row(rowNumber, name == null ? "" : name.text().strip(),
                    number == null ? "" : number.text().strip(),
                    id == null ? "" : Masking.idNumber(id.text().strip()));
            HistoricalRowCheck.Outcome outcome = check.check(rowNumber, values);
            row.record = outcome.record();
            row.problems.addAll(outcome.problems());
            if (row.record != null) {
                row.idHash = persons.index(row.record.idNumber());
            }
            return row;
        }
    }

    /** The same certificate number, or the same person with the same title, level and date, twice in the file. */
    void checkWithinFile(List<Row> rows) {
        Map<String, Integer> numbers = new HashMap<>();
        Map<String, Integer> titles = new HashMap<>();
        Map<String, Row> people = new HashMap<>();
        for (Row row : rows) {
            if (!row.ok()) {
                continue;
            }
            HistoricalRecord r = row.record;
            Integer first = numbers.putIfAbsent(r.number(), row.number);
            if (first != null) {
                row.refuse("import.duplicate-number-in-file", first);
                continue;
            }
            first = titles.putIfAbsent(r.personTitleKey(row.idHash), row.number);
            if (first != null) {
                row.refuse("batch.duplicate-in-file", first);
                continue;
            }
            Row same = people.putIfAbsent(row.idHash, row);
            if (same != null && !same.rawName.equals(r.name())) {
                row.refuse("import.name-differs-in-file", same.number);
            }
        }
    }

    /** Numbers the database has, and certificates of known persons with the same title, level and date. */
    void checkAgainstDatabase(List<Row> rows) {
        List<Row> good = rows.stream().filter(Row::ok).toList();
        Map<String, Person> known = persons.findByIndexes(good.stream().map(r -> r.idHash).distinct().toList());
        Set<String> existingNumbers = new java.util.HashSet<>();
        for (int from = 0; from < good.size(); from += CHUNK) {
            existingNumbers.addAll(mapper.findExistingNumbers(
                    good.subList(from, Math.min(good.size(), from + CHUNK)).stream().map(r -> r.record.number()).toList()));
        }
        List<Long> knownIds = known.values().stream().map(Person::id).distinct().toList();
        Set<String> existingTitles = new java.util.HashSet<>();
        for (int from = 0; from < knownIds.size(); from += CHUNK) {
            for (HistoricalImportMapper.ExistingTitle t : mapper.findTitlesOfPersons(
                    knownIds.subList(from, Math.min(knownIds.size(), from + CHUNK)))) {
                existingTitles.add(t.personId() + "|" + t.titleLevel() + "|" + t.titleName() + "|" + t.obtainedOn());
            }
        }
        for (Row row : good) {
            Person person = known.get(row.idHash);
            if (person != null) {
                row.personId = person.id();
                if (!person.name().equals(row.record.name())) {
                    row.refuse("import.name-mismatch");
                    continue;
                }
                if (existingTitles.contains(row.record.personTitleKey(String.valueOf(person.id())))) {
                    row.refuse("import.duplicate-in-database");
                    continue;
                }
            }
            if (existingNumbers.contains(row.record.number())) {
                row.refuse("import.duplicate-number-in-database", row.record.number());
            }
        }
    }

    /** Stores what may be stored, in one transaction, and keeps the import with its report either way. */
    Report store(CurrentUser user, String fileName, Sheet sheet, ImportMode mode, Map<String, Long> timings) {
        long start = System.nanoTime();
        LocalDate since = settings.electronicSince();
        List<Row> good = new ArrayList<>();
        int rejected = 0;
        for (Row row : sheet.rows()) {
            if (row.ok()) {
                good.add(row);
                HistoricalRecord r = row.record;
                row.electronic = r.obtainedOn().isBefore(since) ? Electronic.QUERY_ONLY
                        : r.complete() ? Electronic.ELIGIBLE : Electronic.INCOMPLETE;
            } else {
                rejected++;
            }
        }
        boolean storing = rejected == 0 || (mode == ImportMode.VALID_ROWS_ONLY && !good.isEmpty());
        String outcome = !storing ? "REJECTED" : rejected == 0 ? "IMPORTED" : "PARTIAL";
        List<Row> stored = storing ? good : List.of();
        int rejectedRows = rejected;
        int eligible = (int) stored.stream().filter(r -> r.electronic == Electronic.ELIGIBLE).count();
        int queryOnly = (int) stored.stream().filter(r -> r.electronic == Electronic.QUERY_ONLY).count();
        int incomplete = stored.size() - eligible - queryOnly;
        Locale locale = LocaleContextHolder.getLocale();
        byte[] report = cipher.encryptBytes(REPORT_FIELD, csvReport(sheet.rows(), storing, locale));
        timings.put("report", elapsed(start));
        Instant now = clock.instant();
        String name = fileName == null ? null : fileName.length() > 255 ? fileName.substring(0, 255) : fileName;
        long newPersons = storing ? stored.stream().filter(r -> r.personId == null).map(r -> r.idHash).distinct().count() : 0;
        CertificateImport row = new CertificateImport(null, user.organisationId(), user.username(), name, mode, outcome,
                sheet.rows().size(), stored.size(), rejected, (int) newPersons, eligible, now);
        long importId;
        try {
            importId = transactions.execute(tx -> {
                cn.titlecert.persistence.GeneratedKey key = new cn.titlecert.persistence.GeneratedKey();
                mapper.insertImport(row, report, key);
                if (storing) {
                    persist(user, key.value(), stored, now, timings);
                }
                long auditStart = System.nanoTime();
                audit.record(user, "HISTORICAL_CERTIFICATES_IMPORTED", "certificate_import", key.value(),
                        "outcome=" + outcome + ", mode=" + mode + ", rows=" + sheet.rows().size() + ", imported="
                                + stored.size() + ", rejected=" + rejectedRows + ", newPersons=" + newPersons
                                + ", electronicEligible=" + eligible + ", queryOnly=" + queryOnly, null);
                timings.put("audit", elapsed(auditStart));
                return key.value();
            });
        } catch (DuplicateKeyException e) {
            // Another import or an issuance took one of these numbers or persons meanwhile: nothing was stored.
            throw DomainException.conflict("import.concurrent-change");
        }
        List<RowError> errors = new ArrayList<>();
        for (Row r : sheet.rows()) {
            for (HistoricalRowCheck.Problem p : r.problems) {
                if (errors.size() < MAX_LISTED_ERRORS) {
                    errors.add(new RowError(r.number, p.code(), messages.text(locale, "error." + p.code(), p.args())));
                }
            }
        }
        long problems = sheet.rows().stream().mapToLong(r -> r.problems.size()).sum();
        return new Report(importId, outcome, mode, sheet.name(), sheet.rows().size(), stored.size(), rejected,
                (int) newPersons, eligible, queryOnly, incomplete, since,
                "/api/imports/certificates/" + importId + "/report", errors, problems > errors.size(), timings);
    }

    private void persist(CurrentUser user, long importId, List<Row> rows, Instant now, Map<String, Long> timings) {
        long start = System.nanoTime();
        Map<String, NewPerson> newcomers = new LinkedHashMap<>();
        for (Row row : rows) {
            if (row.personId == null) {
                HistoricalRecord r = row.record;
                newcomers.putIfAbsent(row.idHash,
                        new NewPerson(r.name(), r.gender(), r.birthDate(), r.idNumber(), r.phone(), r.employerId()));
            }
        }
        Map<String, Long> ids = persons.registerAll(new ArrayList<>(newcomers.values()));
        List<ImportedCertificate> certificates = new ArrayList<>(rows.size());
        List<ImportedCertificate> cases = new ArrayList<>();
        List<Integer> casePositions = new ArrayList<>();
        for (Row row : rows) {
            long personId = row.personId != null ? row.personId : ids.get(row.idHash);
            ImportedCertificate c = new ImportedCertificate(row.record, personId, null);
            if (row.electronic == Electronic.ELIGIBLE) {
                cases.add(c);
                casePositions.add(certificates.size());
            }
            certificates.add(c);
        }
        timings.put("persons", elapsed(start));
        start = System.nanoTime();
        if (!cases.isEmpty()) {
            String month = YearMonth.now(clock.withZone(CertificateIssuer.CHINA)).toString();
            List<Long> caseIds = bulk.insertReturningIds("application", APPLICATION_COLUMNS, cases, c -> {
                HistoricalRecord r = c.record();
                return new Object[] {r.path(), r.reviewType(), c.personId(), r.employerId(), r.series(), r.specialty(),
                        r.titleName(), r.level(), r.obtainedOn(), "APPROVED", month, user.username(), now, now, 0,
                        r.reviewBodyName(), false, user.organisationId(), r.approvalDocNumber(), importId};
            });
            for (int k = 0; k < caseIds.size(); k++) {
                int position = casePositions.get(k);
                certificates.set(position, certificates.get(position).withApplication(caseIds.get(k)));
            }
        }
        timings.put("cases", elapsed(start));
        start = System.nanoTime();
        bulk.insert("certificate", CERTIFICATE_COLUMNS, certificates, c -> {
            HistoricalRecord r = c.record();
            return new Object[] {r.number(), c.applicationId(), c.personId(), r.name(), r.path(), r.reviewType(),
                    r.series(), r.specialty(), r.titleName(), r.level(), r.obtainedOn(), r.reviewBodyName(),
                    r.approvingUnitName(), r.approvalDocNumber(), r.approvalDate(), r.issuingAuthority(),
                    user.organisationId(), r.issuedOn(), "VALID", false, now, "IMPORTED", importId,
                    r.idNumber().masked()};
        });
        timings.put("certificates", elapsed(start));
    }

    /** Every row with its outcome, as CSV (UTF-8 with BOM, so Excel opens it), gzip-compressed. */
    private byte[] csvReport(List<Row> rows, boolean storing, Locale locale) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes);
                var out = new java.io.BufferedWriter(new java.io.OutputStreamWriter(gzip, StandardCharsets.UTF_8))) {
            out.write('\uFEFF');
            out.write(String.join(",", text(locale, "import.report.row"), text(locale, "import.report.outcome"),
                    text(locale, "import.report.name"), text(locale, "import.report.id-number"),
                    text(locale, "import.report.number"), text(locale, "import.report.electronic"),
                    text(locale, "import.report.errors")));
            out.write("\r\n");
            String imported = text(locale, "import.report.imported");
            String valid = text(locale, "import.report.valid-not-imported");
            String refused = text(locale, "import.report.refused");
            Map<Electronic, String> electronic = Map.of(Electronic.ELIGIBLE, text(locale, "import.report.eligible"),
                    Electronic.QUERY_ONLY, text(locale, "import.report.query-only"),
                    Electronic.INCOMPLETE, text(locale, "import.report.incomplete"));
            for (Row row : rows) {
                StringBuilder problems = new StringBuilder();
                for (HistoricalRowCheck.Problem p : row.problems) {
                    problems.append(problems.isEmpty() ? "" : "；").append(text(locale, "error." + p.code(), p.args()));
                }
                out.write(row.number + "," + (row.ok() ? storing ? imported : valid : refused) + "," + csv(row.rawName)
                        + "," + csv(row.maskedId) + "," + csv(row.rawNumber) + ","
                        + (row.ok() ? electronic.get(row.electronic) : "") + "," + csv(problems.toString()) + "\r\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private String text(Locale locale, String key, Object... args) {
        return messages.text(locale, key, args);
    }

    /** A CSV field; a leading =, +, - or @ is defused so that a spreadsheet does not run it as a formula. */
    static String csv(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        return v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")
                ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }

    /** The CSV report of an import, for staff of the importing bureau (and above it). */
    public byte[] report(CurrentUser user, long importId) {
        requireBureau(user);
        CertificateImport found = mapper.findImport(importId)
                .filter(i -> organisations.isInScope(user, i.organisationId()))
                .orElseThrow(() -> DomainException.notFound("import.not-found"));
        byte[] stored = mapper.findReport(found.id()).orElseThrow(() -> DomainException.notFound("import.not-found"));
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(cipher.decryptBytes(REPORT_FIELD, stored)))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void requireBureau(CurrentUser user) {
        if (user == null || !user.has(Role.BUREAU)) {
            throw DomainException.forbidden("forbidden");
        }
    }
}
