package cn.titlecert.application;

import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.titlecert.audit.AuditTrail;
import cn.titlecert.error.DomainException;
import cn.titlecert.error.ErrorMessages;
import cn.titlecert.organisation.Organisation;
import cn.titlecert.organisation.OrganisationService;
import cn.titlecert.persistence.GeneratedKey;
import cn.titlecert.security.CurrentUser;
import cn.titlecert.security.Role;

/**
 * Result lists of committees and exam agencies (JSON or .xlsx): every row is checked first, and the
 * list is imported as a whole or not at all, with a report naming each bad row and why.
 */
@Service
public class BatchUploadService {

    private final ApplicationService applications;
    private final ApplicationMapper mapper;
    private final OrganisationService organisations;
    private final ErrorMessages errors;
    private final AuditTrail audit;
    private final Clock clock;
    private final TransactionTemplate transactions;

    public BatchUploadService(ApplicationService applications, ApplicationMapper mapper,
            OrganisationService organisations, ErrorMessages errors, AuditTrail audit, Clock clock,
            PlatformTransactionManager transactionManager) {
        this.transactions = new TransactionTemplate(transactionManager);
        this.applications = applications;
        this.mapper = mapper;
        this.organisations = organisations;
        this.errors = errors;
        this.audit = audit;
        this.clock = clock;
    }

    public record RowError(int row, String code, String message) {
    }

    public record Report(boolean imported, int total, int accepted, Long batchId, List<Long> applicationIds,
            List<RowError> errors) {
    }

    public Report uploadJson(CurrentUser user, List<ApplicationRequest> rows) {
        requireUploader(user);
        if (rows == null || rows.isEmpty()) {
            throw DomainException.badRequest("batch.empty");
        }
        if (rows.size() > ResultListWorkbook.MAX_ROWS) {
            throw DomainException.badRequest("batch.too-many-rows", ResultListWorkbook.MAX_ROWS);
        }
        List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            candidates.add(new Candidate(i + 1, rows.get(i), null, null));
        }
        return process(user, candidates, null);
    }

    public Report uploadWorkbook(CurrentUser user, String fileName, InputStream content) {
        requireUploader(user);
        List<Candidate> candidates = new ArrayList<>();
        for (ResultListWorkbook.ParsedRow row : ResultListWorkbook.read(content)) {
            if (row.errorCode() != null) {
                candidates.add(new Candidate(row.rowNumber(), null, row.errorCode(), row.errorArgs()));
                continue;
            }
            try {
                candidates.add(new Candidate(row.rowNumber(), toRequest(user, row.values()), null, null));
            } catch (DomainException e) {
                candidates.add(new Candidate(row.rowNumber(), null, e.code(), e.args()));
            }
        }
        return process(user, candidates, fileName);
    }

    private record Candidate(int row, ApplicationRequest request, String errorCode, Object[] errorArgs) {
    }

    private Report process(CurrentUser user, List<Candidate> candidates, String fileName) {
        List<RowError> problems = new ArrayList<>();
        List<ApplicationService.Prepared> prepared = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (Candidate candidate : candidates) {
            if (candidate.errorCode() != null) {
                problems.add(error(candidate.row(), candidate.errorCode(), candidate.errorArgs()));
                continue;
            }
            try {
                ApplicationRequest request = candidate.request();
                if (request.path() == null) {
                    request = withPath(request, user.has(Role.EXAM_AGENCY) ? AcquisitionPath.EXAM_IN_LIEU
                            : AcquisitionPath.SOCIAL_REVIEW);
                }
                ApplicationService.Prepared p = applications.prepare(user, request);
                String key = inFileKey(request);
                Integer first = seen.putIfAbsent(key, candidate.row());
                if (first != null) {
                    problems.add(error(candidate.row(), "batch.duplicate-in-file", first));
                    continue;
                }
                prepared.add(p);
            } catch (DomainException e) {
                problems.add(error(candidate.row(), e.code(), e.args()));
            }
        }
        if (!problems.isEmpty()) {
            return new Report(false, candidates.size(), prepared.size(), null, List.of(), problems);
        }
        return importAll(user, prepared, fileName, candidates.size());
    }

    /** One transaction for the whole list: a failure on any row (say, a race with another upload) writes nothing. */
    private Report importAll(CurrentUser user, List<ApplicationService.Prepared> prepared, String fileName, int total) {
        return transactions.execute(status -> importInTransaction(user, prepared, fileName, total));
    }

    private Report importInTransaction(CurrentUser user, List<ApplicationService.Prepared> prepared, String fileName,
            int total) {
        GeneratedKey key = new GeneratedKey();
        mapper.insertBatch(user.organisationId(), user.username(), fileName, total, clock.instant(), key);
        List<Long> ids = new ArrayList<>();
        for (ApplicationService.Prepared p : prepared) {
            ids.add(applications.persist(user, p, key.value()).id());
        }
        audit.record(user, "BATCH_UPLOADED", "application_batch", key.value(), "rows=" + total, null);
        return new Report(true, total, ids.size(), key.value(), ids, List.of());
    }

    private ApplicationRequest toRequest(CurrentUser user, Map<ResultListWorkbook.Column, String> v) {
        for (ResultListWorkbook.Column column : ResultListWorkbook.Column.values()) {
            if (column.required && (v.get(column) == null || v.get(column).isBlank())) {
                throw DomainException.badRequest("batch.missing-value", column.header);
            }
        }
        Long reviewBody = organisationId(v.get(ResultListWorkbook.Column.REVIEW_BODY));
        if (reviewBody == null) {
            reviewBody = user.organisationId();
        }
        return new ApplicationRequest(
                ResultListWorkbook.path(v.get(ResultListWorkbook.Column.PATH)),
                ResultListWorkbook.reviewType(v.get(ResultListWorkbook.Column.REVIEW_TYPE)),
                new ApplicationRequest.PersonData(v.get(ResultListWorkbook.Column.NAME),
                        ResultListWorkbook.gender(v.get(ResultListWorkbook.Column.GENDER)),
                        ResultListWorkbook.date(v.get(ResultListWorkbook.Column.BIRTH_DATE), "出生日期"),
                        ResultListWorkbook.idType(v.get(ResultListWorkbook.Column.ID_TYPE)),
                        v.get(ResultListWorkbook.Column.ID_NUMBER), v.get(ResultListWorkbook.Column.PHONE)),
                new ApplicationRequest.TitleData(v.get(ResultListWorkbook.Column.SERIES),
                        v.get(ResultListWorkbook.Column.SPECIALTY), v.get(ResultListWorkbook.Column.TITLE),
                        ResultListWorkbook.level(v.get(ResultListWorkbook.Column.LEVEL))),
                ResultListWorkbook.date(v.get(ResultListWorkbook.Column.OBTAINED_ON), "取得资格时间"),
                organisationId(v.get(ResultListWorkbook.Column.EMPLOYER)), reviewBody, null,
                ResultListWorkbook.date(v.get(ResultListWorkbook.Column.FILED_ON), "评审结果核准备案日期"));
    }

    /** An organisation named by its code (or its numeric id). */
    private Long organisationId(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String code = value.strip();
        return organisations.findByCode(code).map(Organisation::id).orElseGet(() -> {
            if (code.chars().allMatch(Character::isDigit) && code.length() < 18) {
                return organisations.find(Long.parseLong(code)).map(Organisation::id)
                        .orElseThrow(() -> DomainException.badRequest("batch.unknown-organisation", code));
            }
            throw DomainException.badRequest("batch.unknown-organisation", code);
        });
    }

    private static ApplicationRequest withPath(ApplicationRequest r, AcquisitionPath path) {
        return new ApplicationRequest(path, r.reviewType(), r.person(), r.title(), r.obtainedOn(), r.employerId(),
                r.reviewBodyId(), r.reviewBodyName(), r.resultsFiledOn());
    }

    private static String inFileKey(ApplicationRequest r) {
        String id = r.person() == null || r.person().idNumber() == null ? ""
                : r.person().idNumber().replaceAll("\\s", "").toUpperCase(java.util.Locale.ROOT);
        return id + "|" + r.title().series() + "|" + r.title().level() + "|" + r.title().name();
    }

    private RowError error(int row, String code, Object... args) {
        return new RowError(row, code, errors.text("error." + code, args));
    }

    private static void requireUploader(CurrentUser user) {
        if (!(user.has(Role.COMMITTEE) || user.has(Role.EXAM_AGENCY))) {
            throw DomainException.forbidden("forbidden");
        }
    }
}
