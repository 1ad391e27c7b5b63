package cn.titlecert.lifecycle;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import cn.titlecert.application.AcquisitionPath;
import cn.titlecert.application.ResultListWorkbook;
import cn.titlecert.application.ReviewType;
import cn.titlecert.certificate.TitleLevel;
import cn.titlecert.error.DomainException;
import cn.titlecert.person.Gender;
import cn.titlecert.person.IdNumber;
import cn.titlecert.person.IdType;
import cn.titlecert.person.PhoneNumber;

/**
 * The checks of one row that need no database: every value parses, required ones are there, dates make sense
 * (none in the future; born before obtaining the title at 16 or older; obtained, approved, issued in that order),
 * the series and level are from the lists and the title name fits the level where the catalogue knows it. All
 * problems of a row are reported, not only the first.
 */
final class HistoricalRowCheck {

    /** A refusal of one row: the message key's code and its arguments. */
    record Problem(String code, Object[] args) {
    }

    /** The row as checked: a record, or its problems. */
    record Outcome(HistoricalRecord record, List<Problem> problems) {
    }

    private static final DateTimeFormatter CHINESE_DATE = DateTimeFormatter.ofPattern("yyyy年M月d日");
    private static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);
    private static final int MIN_AGE = 16;

    private final TitleCatalogue catalogue;
    private final LocalDate today;
    private final Function<String, Optional<Long>> employerByCode;

    HistoricalRowCheck(TitleCatalogue catalogue, LocalDate today, Function<String, Optional<Long>> employerByCode) {
        this.catalogue = catalogue;
        this.today = today;
        this.employerByCode = employerByCode;
    }

    Outcome check(int row, Map<HistoricalColumn, XlsxStream.CellValue> cells) {
        List<Problem> problems = new ArrayList<>();
        for (Map.Entry<HistoricalColumn, XlsxStream.CellValue> cell : cells.entrySet()) {
            if (cell.getValue().formula()) {
                // The cached result of a formula may be stale or missing: historical data is taken as typed.
                problems.add(new Problem("import.formula", new Object[] {cell.getKey().header()}));
            } else if (cell.getValue().kind() == XlsxStream.Kind.ERROR) {
                problems.add(new Problem("import.cell-error", new Object[] {cell.getKey().header()}));
            }
        }
        if (!problems.isEmpty()) {
            return new Outcome(null, problems);
        }
        Values v = new Values(cells, problems);
        String name = v.text(HistoricalColumn.NAME, 100);
        Gender gender = v.parse(HistoricalColumn.GENDER, ResultListWorkbook::gender);
        LocalDate birthDate = v.date(HistoricalColumn.BIRTH_DATE);
        IdType idType = v.present(HistoricalColumn.ID_TYPE) == null ? IdType.RESIDENT_ID
                : v.parse(HistoricalColumn.ID_TYPE, ResultListWorkbook::idType);
        IdNumber idNumber = idNumber(v, idType);
        PhoneNumber phone = v.parse(HistoricalColumn.PHONE, PhoneNumber::parse);
        String series = v.text(HistoricalColumn.SERIES, 50);
        String specialty = v.text(HistoricalColumn.SPECIALTY, 100);
        String titleName = v.text(HistoricalColumn.TITLE, 100);
        TitleLevel level = v.parse(HistoricalColumn.LEVEL, ResultListWorkbook::level);
        ReviewType reviewType = v.parse(HistoricalColumn.REVIEW_TYPE, ResultListWorkbook::reviewType);
        AcquisitionPath path = v.parse(HistoricalColumn.PATH, ResultListWorkbook::path);
        LocalDate obtainedOn = v.date(HistoricalColumn.OBTAINED_ON);
        String reviewBody = v.text(HistoricalColumn.REVIEW_BODY, 200);
        String approvingUnit = v.text(HistoricalColumn.APPROVING_UNIT, 200);
        String approvalDoc = v.text(HistoricalColumn.APPROVAL_DOC, 100);
        LocalDate approvalDate = v.date(HistoricalColumn.APPROVAL_DATE);
        String number = certificateNumber(v);
        String authority = v.text(HistoricalColumn.ISSUING_AUTHORITY, 200);
        LocalDate issuedOn = v.date(HistoricalColumn.ISSUED_ON);
        Long employer = employer(v);

        if (idNumber != null) {
            idNumber.birthDate().ifPresent(b -> {
                if (birthDate != null && !b.equals(birthDate)) {
                    problems.add(new Problem("person.birth-date-mismatch", new Object[0]));
                }
            });
            idNumber.gender().ifPresent(g -> {
                if (gender != null && g != gender) {
                    problems.add(new Problem("person.gender-mismatch", new Object[0]));
                }
            });
            if (gender == null && idNumber.gender().isEmpty() && v.present(HistoricalColumn.GENDER) == null) {
                problems.add(new Problem("person.gender-required", new Object[0]));
            }
            if (birthDate == null && idNumber.birthDate().isEmpty() && v.present(HistoricalColumn.BIRTH_DATE) == null) {
                problems.add(new Problem("person.birth-date-required", new Object[0]));
            }
        }
        LocalDate born = birthDate != null ? birthDate : idNumber == null ? null : idNumber.birthDate().orElse(null);
        if (series != null && !catalogue.knowsSeries(series)) {
            problems.add(new Problem("import.unknown-series", new Object[] {series}));
        } else if (series != null && level != null && titleName != null) {
            Optional<TitleLevel> listed = catalogue.levelOf(series, titleName);
            if (listed.isPresent() && listed.get() != level) {
                problems.add(new Problem("import.title-level-mismatch", new Object[] {titleName, label(listed.get())}));
            } else if (catalogue.title(series, level).isEmpty()) {
                problems.add(new Problem("import.level-not-in-series", new Object[] {series, label(level)}));
            }
        }
        dates(problems, born, obtainedOn, approvalDate, issuedOn);
        if (!problems.isEmpty()) {
            return new Outcome(null, problems);
        }
        AcquisitionPath effectivePath = path != null ? path : pathOf(reviewType);
        return new Outcome(new HistoricalRecord(row, name, gender != null ? gender : idNumber.gender().orElse(null),
                born, idNumber, phone, series, specialty, titleName, level, reviewType, effectivePath, obtainedOn,
                reviewBody, approvingUnit, approvalDoc, approvalDate, number, authority, issuedOn, employer), List.of());
    }

    private void dates(List<Problem> problems, LocalDate born, LocalDate obtained, LocalDate approved, LocalDate issued) {
        for (var d : new Object[][] {{born, HistoricalColumn.BIRTH_DATE}, {obtained, HistoricalColumn.OBTAINED_ON},
                {approved, HistoricalColumn.APPROVAL_DATE}, {issued, HistoricalColumn.ISSUED_ON}}) {
            LocalDate date = (LocalDate) d[0];
            if (date != null && date.isAfter(today)) {
                problems.add(new Problem("import.date-in-future", new Object[] {((HistoricalColumn) d[1]).header()}));
            } else if (date != null && date.isBefore(EARLIEST)) {
                problems.add(new Problem("import.date-too-early", new Object[] {((HistoricalColumn) d[1]).header()}));
            }
        }
        if (born != null && obtained != null && obtained.isBefore(born.plusYears(MIN_AGE))) {
            problems.add(new Problem("import.obtained-too-young", new Object[] {MIN_AGE}));
        }
        if (obtained != null && approved != null && approved.isBefore(obtained)) {
            problems.add(new Problem("import.approved-before-obtained", new Object[0]));
        }
        if (obtained != null && issued != null && issued.isBefore(obtained)) {
            problems.add(new Problem("import.issued-before-obtained", new Object[0]));
        }
        if (approved != null && issued != null && issued.isBefore(approved)) {
            problems.add(new Problem("import.issued-before-approved", new Object[0]));
        }
    }

    private IdNumber idNumber(Values v, IdType type) {
        XlsxStream.CellValue cell = v.cells.get(HistoricalColumn.ID_NUMBER);
        if (cell != null && cell.kind() == XlsxStream.Kind.NUMBER && cell.text().length() > 15) {
            // Excel keeps 15 significant digits: an 18-digit number typed into a number cell lost its last ones.
            v.problems.add(new Problem("import.id-number-as-number", new Object[0]));
            return null;
        }
        if (type == null) {
            return null;
        }
        return v.parse(HistoricalColumn.ID_NUMBER, raw -> IdNumber.parse(type, raw, today));
    }

    private String certificateNumber(Values v) {
        String raw = v.text(HistoricalColumn.CERTIFICATE_NUMBER, 200);
        if (raw == null) {
            return null;
        }
        String number = normaliseNumber(raw);
        if (number.length() > 40) {
            v.problems.add(new Problem("import.too-long", new Object[] {HistoricalColumn.CERTIFICATE_NUMBER.header(), 40}));
            return null;
        }
        return number;
    }

    /** As the public query compares: no spaces, full-width letters and digits as ASCII, capitals. */
    static String normaliseNumber(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        for (char c : raw.toCharArray()) {
            if (Character.isWhitespace(c) || c == '\u3000') {
                continue;
            }
            if (c >= '\uFF01' && c <= '\uFF5E') {
                c = (char) (c - 0xFEE0);
            }
            out.append(c);
        }
        return out.toString().toUpperCase(Locale.ROOT);
    }

    private Long employer(Values v) {
        String code = v.present(HistoricalColumn.EMPLOYER);
        if (code == null) {
            return null;
        }
        Optional<Long> id = employerByCode.apply(code);
        if (id.isEmpty()) {
            v.problems.add(new Problem("batch.unknown-organisation", new Object[] {code}));
        }
        return id.orElse(null);
    }

    /** Review types other than the committee, self-review and exam ones are committee reviews of a kind. */
    static AcquisitionPath pathOf(ReviewType type) {
        if (type == null) {
            return AcquisitionPath.SOCIAL_REVIEW;
        }
        return switch (type) {
            case SELF -> AcquisitionPath.SELF_REVIEW;
            case EXAM_IN_LIEU -> AcquisitionPath.EXAM_IN_LIEU;
            default -> AcquisitionPath.SOCIAL_REVIEW;
        };
    }

    static String label(TitleLevel level) {
        return switch (level) {
            case SENIOR -> "正高级";
            case DEPUTY_SENIOR -> "副高级";
            case INTERMEDIATE -> "中级";
            case ASSISTANT -> "助理级";
            case JUNIOR -> "员级";
        };
    }

    /** The row's cells, with each failed parse turned into a problem of the row. */
    private final class Values {
        final Map<HistoricalColumn, XlsxStream.CellValue> cells;
        final List<Problem> problems;

        Values(Map<HistoricalColumn, XlsxStream.CellValue> cells, List<Problem> problems) {
            this.cells = cells;
            this.problems = problems;
        }

        String raw(HistoricalColumn column) {
            XlsxStream.CellValue cell = cells.get(column);
            return cell == null ? null : cell.text();
        }

        /** The value, or null when blank. */
        String present(HistoricalColumn column) {
            String raw = raw(column);
            if (raw == null) {
                return null;
            }
            String clean = raw.replace('\u3000', ' ').strip();
            return clean.isEmpty() ? null : clean;
        }

        String text(HistoricalColumn column, int max) {
            String value = present(column);
            if (value == null) {
                if (column.required) {
                    problems.add(new Problem("batch.missing-value", new Object[] {column.header()}));
                }
                return null;
            }
            if (value.length() > max) {
                problems.add(new Problem("import.too-long", new Object[] {column.header(), max}));
                return null;
            }
            return value;
        }

        <T> T parse(HistoricalColumn column, Function<String, T> parser) {
            String value = text(column, 200);
            if (value == null) {
                return null;
            }
            return attempt(() -> parser.apply(value));
        }

        LocalDate date(HistoricalColumn column) {
            XlsxStream.CellValue cell = cells.get(column);
            if (cell != null && cell.kind() == XlsxStream.Kind.NUMBER) {
                // A plain number where a date belongs (a date cell formatted as a number, or 20190512)
                String digits = cell.text();
                if (digits.length() != 8) {
                    problems.add(new Problem("batch.bad-date", new Object[] {column.header()}));
                    return null;
                }
            }
            String value = text(column, 40);
            if (value == null) {
                return null;
            }
            if (value.length() == 10 && value.charAt(4) == '-' && value.charAt(7) == '-') {
                // the usual notation, parsed without trying the others (a failed parse throws, which is slow)
                try {
                    return LocalDate.parse(value);
                } catch (DateTimeParseException e) {
                    problems.add(new Problem("batch.bad-date", new Object[] {column.header()}));
                    return null;
                }
            }
            if (value.contains("年")) {
                try {
                    return LocalDate.parse(value, CHINESE_DATE);
                } catch (DateTimeParseException e) {
                    problems.add(new Problem("batch.bad-date", new Object[] {column.header()}));
                    return null;
                }
            }
            return attempt(() -> ResultListWorkbook.date(value, column.header()));
        }

        private <T> T attempt(Supplier<T> parse) {
            try {
                return parse.get();
            } catch (DomainException e) {
                problems.add(new Problem(e.code(), e.args()));
                return null;
            }
        }
    }
}
