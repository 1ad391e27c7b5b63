package cn.titlecert.issuance;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Date;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import cn.titlecert.certificate.CertificateIssuer;
import cn.titlecert.review.IssuanceMonths;
import cn.titlecert.security.OrganisationGroups;

/**
 * The rhythm of the cycle, read by the {@code monthly-issuance} model as {@code ${issuanceSettings.…}}. The
 * defaults are Tianjin's (notice 004, 二(一)2): cases cleared by the 15th join that month; the cycle opens on
 * the 16th; certificates can be downloaded from the 15th of the following month.
 */
@Component("issuanceSettings")
public class IssuanceSettings {

    private final String startCycle;
    private final String pollInterval;
    private final String retryCycle;
    private final int releaseDay;
    private final int dispatchChunk;
    private final int groupSize;
    private final java.time.Duration groupTimeBudget;
    private final IssuanceMonths months;
    private final IssuanceMapper batches;

    public IssuanceSettings(@Value("${titlecert.issuance.start-cycle:0 0 1 16 * ?}") String startCycle,
            @Value("${titlecert.issuance.poll-interval:PT30S}") String pollInterval,
            @Value("${titlecert.issuance.retry-cycle:R5/PT1M}") String retryCycle,
            @Value("${titlecert.issuance.release-day:15}") int releaseDay,
            @Value("${titlecert.issuance.dispatch-chunk:1000}") int dispatchChunk,
            @Value("${titlecert.issuance.group-size:20}") int groupSize,
            @Value("${titlecert.issuance.group-time-budget:}") String groupTimeBudget,
            @Value("${camunda.bpm.job-execution.lock-time-in-millis:300000}") long jobLockMillis, IssuanceMonths months,
            IssuanceMapper batches) {
        if (releaseDay < 1 || releaseDay > 28) {
            throw new IllegalArgumentException("titlecert.issuance.release-day must be between 1 and 28");
        }
        if (dispatchChunk < 1 || dispatchChunk > 5000) {
            throw new IllegalArgumentException("titlecert.issuance.dispatch-chunk must be between 1 and 5000");
        }
        if (groupSize < 1 || groupSize > 500) {
            throw new IllegalArgumentException("titlecert.issuance.group-size must be between 1 and 500");
        }
        this.startCycle = startCycle;
        this.pollInterval = pollInterval;
        this.retryCycle = retryCycle;
        this.releaseDay = releaseDay;
        this.dispatchChunk = dispatchChunk;
        this.groupSize = groupSize;
        this.groupTimeBudget = groupTimeBudget.isBlank() ? java.time.Duration.ofMillis(jobLockMillis / 3)
                : java.time.Duration.parse(groupTimeBudget);
        if (groupTimeBudget.isBlank() ? jobLockMillis < 3 : this.groupTimeBudget.isNegative()
                || this.groupTimeBudget.toMillis() >= jobLockMillis) {
            throw new IllegalArgumentException("titlecert.issuance.group-time-budget must be shorter than the job lock "
                    + "(camunda.bpm.job-execution.lock-time-in-millis)");
        }
        this.months = months;
        this.batches = batches;
    }

    /** The timer start event's cycle (a cron expression, or an ISO 8601 repetition). */
    public String getStartCycle() {
        return startCycle;
    }

    /** How long the batch waits between two looks at the generation's progress. */
    public String getPollInterval() {
        return pollInterval;
    }

    /** Retries of one certificate's generation before it becomes an incident in Cockpit. */
    public String getRetryCycle() {
        return retryCycle;
    }

    /** Cases dispatched per transaction (in groups of {@link #groupSize()}). */
    public int dispatchChunk() {
        return dispatchChunk;
    }

    /** Cases one generation job works through ({@code issuance-group}), each in a transaction of its own. */
    public int groupSize() {
        return groupSize;
    }

    /**
     * How long a group's job starts new certificates; the cases it has not reached then go on as cases of their own.
     * A third of the job's lock by default, so that a slow certificate (a time-stamping service that times out after
     * 30 s) still ends before the lock does and no second run of the same job starts beside the first.
     */
    public java.time.Duration groupTimeBudget() {
        return groupTimeBudget;
    }

    /** Holders download a month's certificates from this day of the following month. */
    public LocalDate releaseOn(YearMonth month) {
        return month.plusMonths(1).atDay(releaseDay);
    }

    /** The month a cycle opened on {@code today} is for: the month whose cut-off has passed. */
    public YearMonth monthDue(LocalDate today) {
        YearMonth current = YearMonth.from(today);
        return today.getDayOfMonth() > months.cutOffDay() ? current : current.minusMonths(1);
    }

    public String bureauGroup(Object batchId) {
        return OrganisationGroups.of(batch(batchId).bureauId());
    }

    /** Midnight (China time) at the start of the release day. */
    public Date releaseAt(Object batchId) {
        return Date.from(batch(batchId).releaseOn().atStartOfDay(CertificateIssuer.CHINA).toInstant());
    }

    public boolean moreToDispatch(Object batchId) {
        return batches.hasUndispatched(((Number) batchId).longValue());
    }

    private IssuanceBatch batch(Object batchId) {
        long id = ((Number) batchId).longValue();
        return batches.findBatch(id).orElseThrow(() -> new IllegalStateException("issuance batch " + id + " not found"));
    }
}
