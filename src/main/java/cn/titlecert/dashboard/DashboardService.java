package cn.titlecert.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;

import cn.titlecert.certificate.CertificateIssuer;
import cn.titlecert.certificate.CertificateRequest;
import cn.titlecert.error.DomainException;
import cn.titlecert.issuance.IssuanceOperations;
import cn.titlecert.organisation.OrganisationService;
import cn.titlecert.organisation.OrganisationType;
import cn.titlecert.review.ReviewTier;
import cn.titlecert.review.WorkingDayCalendar;
import cn.titlecert.security.CurrentUser;
import cn.titlecert.security.Role;

/**
 * The operators' and the issuing bureau's dashboard (R28): volumes, backlog, late uploads, photos, the month's
 * cycle and failed jobs, each limited to the caller's part of the organisation tree. Failed jobs are the engine's:
 * operators see them all (they handle incidents for every bureau), a bureau those of its own cases and batches.
 */
@Service
public class DashboardService {

    public static final int MAX_MONTHS = 36;
    static final int LIST_LIMIT = 200;
    private static final int MESSAGE_LENGTH = 200;

    private final DashboardMapper dashboard;
    private final OrganisationService organisations;
    private final IssuanceOperations issuance;
    private final WorkingDayCalendar calendar;
    private final RuntimeService runtime;
    private final RepositoryService repository;
    private final MessageSource messages;
    private final Clock clock;

    public DashboardService(DashboardMapper dashboard, OrganisationService organisations, IssuanceOperations issuance,
            WorkingDayCalendar calendar, RuntimeService runtime, RepositoryService repository, MessageSource messages,
            Clock clock) {
        this.dashboard = dashboard;
        this.organisations = organisations;
        this.issuance = issuance;
        this.calendar = calendar;
        this.runtime = runtime;
        this.repository = repository;
        this.messages = messages;
        this.clock = clock;
    }

    public record Dashboard(Instant generatedAt, String from, String to, Issued issued, Backlog backlog,
            LateUploads lateUploads, PhotoWaits waitingForPhoto, List<IssuanceOperations.BatchView> currentCycle,
            FailedJobs failedJobs) {
    }

    public record Issued(long total, List<Count> perMonth, List<Count> perPath, List<Count> perLevel,
            List<IssuedCount> rows) {
    }

    /** One bar or slice: its code ({@code 2026-11}, {@code SELF_APPOINTMENT}, …), its label and the number. */
    public record Count(String key, String label, long count) {
    }

    public record IssuedCount(String month, String path, String level, long count) {
    }

    public record Backlog(long total, List<TierBacklog> tiers) {
    }

    public record TierBacklog(String tier, String step, String stepName, long organisationId, String organisationName,
            long count, Instant oldestSince, Long oldestApplicationId, long oldestWaitingDays) {
    }

    public record LateUploads(long total, long unacknowledged, List<LateUpload> cases) {
    }

    public record LateUpload(long applicationId, String path, String reviewBody, LocalDate resultsFiledOn,
            LocalDate uploadDeadline, LocalDate uploadedOn, int workingDaysLate, boolean escalationOpen,
            String status) {
    }

    public record PhotoWaits(long total, List<PhotoWait> cases) {
    }

    public record PhotoWait(long applicationId, String issuanceMonth, String path, String employer,
            Instant waitingSince) {
    }

    public record FailedJobs(long total, List<FailedJob> jobs) {
    }

    public record FailedJob(String incidentId, String type, String jobId, String processDefinitionKey,
            String activityId, String processInstanceId, String message, Instant since) {
    }

    /** Bureau staff and operators only; anyone else is refused. */
    public void requireAllowed(CurrentUser user) {
        if (!(user.has(Role.BUREAU) || user.has(Role.OPERATOR)) || user.scopePath() == null) {
            throw DomainException.forbidden("dashboard.forbidden");
        }
    }

    public static int parseMonths(String text) {
        if (text == null || text.isBlank()) {
            return 12;
        }
        try {
            int months = Integer.parseInt(text.strip());
            if (months >= 1 && months <= MAX_MONTHS) {
                return months;
            }
        } catch (NumberFormatException e) {
            // falls through to the refusal
        }
        throw DomainException.badRequest("dashboard.months-invalid", MAX_MONTHS);
    }

    public Dashboard build(CurrentUser user, int months, Locale locale) {
        requireAllowed(user);
        String scope = user.scopePath();
        Instant now = clock.instant();
        YearMonth current = YearMonth.now(clock.withZone(CertificateIssuer.CHINA));
        YearMonth first = current.minusMonths(months - 1L);
        return new Dashboard(now, first.toString(), current.toString(), issued(scope, first, current, locale),
                backlog(scope, now, locale), lateUploads(scope), photoWaits(scope), currentCycle(user, current),
                failedJobs(user));
    }

    private Issued issued(String scope, YearMonth first, YearMonth last, Locale locale) {
        List<DashboardMapper.IssuedRow> rows = dashboard.issuedPerMonth(scope, first.atDay(1),
                last.plusMonths(1).atDay(1));
        Map<String, Long> perMonth = new LinkedHashMap<>();
        for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            perMonth.put(m.toString(), 0L);
        }
        Map<String, Long> perPath = new LinkedHashMap<>();
        Map<String, Long> perLevel = new LinkedHashMap<>();
        List<IssuedCount> counts = new ArrayList<>();
        long total = 0;
        for (DashboardMapper.IssuedRow row : rows) {
            String month = YearMonth.of(row.yearNumber(), row.monthNumber()).toString();
            String path = row.path() == null ? "OTHER" : row.path();
            perMonth.merge(month, row.n(), Long::sum);
            perPath.merge(path, row.n(), Long::sum);
            perLevel.merge(row.level(), row.n(), Long::sum);
            counts.add(new IssuedCount(month, path, row.level(), row.n()));
            total += row.n();
        }
        return new Issued(total,
                perMonth.entrySet().stream().map(e -> new Count(e.getKey(), e.getKey(), e.getValue())).toList(),
                perPath.entrySet().stream()
                        .map(e -> new Count(e.getKey(), label("path." + e.getKey(), locale), e.getValue())).toList(),
                perLevel.entrySet().stream().sorted(Map.Entry.comparingByKey(Comparator.comparing(DashboardService::levelRank)))
                        .map(e -> new Count(e.getKey(), label("certificate.level." + e.getKey(), locale), e.getValue()))
                        .toList(),
                counts);
    }

    private static int levelRank(String level) {
        List<String> order = List.of("SENIOR", "DEPUTY_SENIOR", "INTERMEDIATE", "ASSISTANT", "JUNIOR");
        int at = order.indexOf(level);
        return at < 0 ? order.size() : at;
    }

    private Backlog backlog(String scope, Instant now, Locale locale) {
        List<String> steps = Arrays.stream(ReviewTier.values()).map(ReviewTier::taskId).toList();
        // Rows come oldest first, so the first row of a group is its oldest case.
        Map<String, TierBacklog> groups = new LinkedHashMap<>();
        long total = 0;
        for (DashboardMapper.OpenStepRow row : dashboard.openReviewSteps(scope, steps)) {
            String key = row.step() + "|" + row.organisationId();
            TierBacklog seen = groups.get(key);
            if (seen == null) {
                ReviewTier tier = ReviewTier.ofTask(row.step()).orElseThrow();
                groups.put(key, new TierBacklog(tier.name(), row.step(), label("step." + row.step(), locale),
                        row.organisationId(), row.organisationName(), 1, row.waitingSince(),
                        applicationIdOf(row.businessKey()), Duration.between(row.waitingSince(), now).toDays()));
            } else {
                groups.put(key, new TierBacklog(seen.tier(), seen.step(), seen.stepName(), seen.organisationId(),
                        seen.organisationName(), seen.count() + 1, seen.oldestSince(), seen.oldestApplicationId(),
                        seen.oldestWaitingDays()));
            }
            total++;
        }
        List<TierBacklog> tiers = new ArrayList<>(groups.values());
        tiers.sort(Comparator.comparing((TierBacklog t) -> ReviewTier.valueOf(t.tier()).ordinal())
                .thenComparing(TierBacklog::oldestSince));
        return new Backlog(total, tiers);
    }

    private static Long applicationIdOf(String businessKey) {
        if (businessKey == null) {
            return null;
        }
        return CertificateRequest.applicationOfKey(businessKey)
                .orElseGet(() -> businessKey.matches("\\d{1,18}") ? Long.valueOf(businessKey) : null);
    }

    private LateUploads lateUploads(String scope) {
        long total = dashboard.countLateUploads(scope);
        List<LateUpload> cases = new ArrayList<>();
        long unacknowledged = 0;
        for (DashboardMapper.LateUploadRow row : dashboard.lateUploads(scope, LIST_LIMIT)) {
            LocalDate uploadedOn = LocalDate.ofInstant(row.uploadedAt(), CertificateIssuer.CHINA);
            int late = row.uploadDeadline() == null ? 0 : calendar.workingDaysBetween(row.uploadDeadline(), uploadedOn);
            boolean open = row.openEscalations() > 0;
            if (open) {
                unacknowledged++;
            }
            cases.add(new LateUpload(row.applicationId(), row.path(), row.reviewBody(), row.resultsFiledOn(),
                    row.uploadDeadline(), uploadedOn, late, open, row.status()));
        }
        return new LateUploads(total, unacknowledged, cases);
    }

    private PhotoWaits photoWaits(String scope) {
        return new PhotoWaits(dashboard.countWaitingForPhoto(scope), dashboard.waitingForPhoto(scope, LIST_LIMIT).stream()
                .map(r -> new PhotoWait(r.applicationId(), r.issuanceMonth(), r.path(), r.employer(), r.waitingSince()))
                .toList());
    }

    /** The month's batch of every issuing bureau in the caller's subtree (usually their own bureau). */
    private List<IssuanceOperations.BatchView> currentCycle(CurrentUser user, YearMonth month) {
        return organisations.visibleTo(user).stream().filter(o -> o.type() == OrganisationType.BUREAU)
                .map(o -> issuance.view(o.id(), month)).toList();
    }

    private FailedJobs failedJobs(CurrentUser user) {
        // Root causes only: a failure inside a called process also raises an incident on each calling instance.
        List<Incident> incidents = runtime.createIncidentQuery().orderByIncidentTimestamp().asc().list().stream()
                .filter(i -> i.getRootCauseIncidentId() == null || i.getRootCauseIncidentId().equals(i.getId())).toList();
        if (!user.has(Role.OPERATOR)) {
            incidents = inScope(user.scopePath(), incidents);
        }
        Map<String, String> keys = new HashMap<>();
        List<FailedJob> jobs = new ArrayList<>();
        for (Incident incident : incidents) {
            if (jobs.size() >= LIST_LIMIT) {
                break;
            }
            String key = incident.getProcessDefinitionId() == null ? null
                    : keys.computeIfAbsent(incident.getProcessDefinitionId(), this::processKeyOf);
            boolean failedJob = Incident.FAILED_JOB_HANDLER_TYPE.equals(incident.getIncidentType());
            jobs.add(new FailedJob(incident.getId(), incident.getIncidentType(),
                    failedJob ? incident.getConfiguration() : null, key, incident.getActivityId(),
                    incident.getProcessInstanceId(), shorten(incident.getIncidentMessage()),
                    incident.getIncidentTimestamp() == null ? null : incident.getIncidentTimestamp().toInstant()));
        }
        return new FailedJobs(incidents.size(), jobs);
    }

    /**
     * The incidents of the caller's cases and batches: found by the instance itself (a batch or a case's
     * generation) or by its business key, which names the application ({@code 42} for the acquisition and
     * review processes, {@code application:42} for a case's generation).
     */
    private List<Incident> inScope(String scope, List<Incident> incidents) {
        List<String> instanceIds = incidents.stream().map(Incident::getProcessInstanceId).filter(java.util.Objects::nonNull)
                .distinct().toList();
        if (instanceIds.isEmpty()) {
            return List.of();
        }
        Map<String, Long> applicationOf = new HashMap<>();
        Set<String> visible = new HashSet<>();
        Set<Long> visibleApplications = new HashSet<>();
        for (int from = 0; from < instanceIds.size(); from += 500) {
            List<String> chunk = instanceIds.subList(from, Math.min(instanceIds.size(), from + 500));
            visible.addAll(dashboard.processesInScope(scope, chunk));
            for (ProcessInstance instance : runtime.createProcessInstanceQuery().processInstanceIds(new HashSet<>(chunk))
                    .list()) {
                Long applicationId = applicationIdOf(instance.getBusinessKey());
                if (applicationId != null) {
                    applicationOf.put(instance.getId(), applicationId);
                }
            }
        }
        List<Long> applications = applicationOf.values().stream().distinct().toList();
        for (int from = 0; from < applications.size(); from += 500) {
            visibleApplications.addAll(dashboard.applicationsInScope(scope,
                    applications.subList(from, Math.min(applications.size(), from + 500))));
        }
        return incidents.stream().filter(i -> visible.contains(i.getProcessInstanceId())
                || visibleApplications.contains(applicationOf.get(i.getProcessInstanceId()))).toList();
    }

    private String processKeyOf(String processDefinitionId) {
        ProcessDefinition definition = repository.createProcessDefinitionQuery().processDefinitionId(processDefinitionId)
                .singleResult();
        return definition == null ? null : definition.getKey();
    }

    private static String shorten(String message) {
        if (message == null) {
            return null;
        }
        return message.length() <= MESSAGE_LENGTH ? message : message.substring(0, MESSAGE_LENGTH) + "…";
    }

    private String label(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }
}
