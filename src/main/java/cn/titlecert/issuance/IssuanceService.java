package cn.titlecert.issuance;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.titlecert.application.Application;
import cn.titlecert.application.ApplicationMapper;
import cn.titlecert.application.ApplicationProgress;
import cn.titlecert.application.ApplicationReturns;
import cn.titlecert.application.ApplicationStatus;
import cn.titlecert.audit.AuditTrail;
import cn.titlecert.certificate.CertificateIssuer;
import cn.titlecert.certificate.CertificateRequest;
import cn.titlecert.error.DomainException;
import cn.titlecert.persistence.AfterCommit;
import cn.titlecert.persistence.GeneratedKey;

/**
 * The monthly cycle's work, step by step as {@code monthly-issuance} calls it: open a batch per bureau, collect
 * the month's approved cases, let the bureau exclude and approve, start the generation by groups of cases, follow the
 * progress and release. Every step is safe to run twice (a retried job, a second node).
 */
@Service
public class IssuanceService {

    public static final String BATCH_PROCESS = "monthly-issuance";
    public static final String CASE_PROCESS = "issuance-case";
    public static final String GROUP_PROCESS = "issuance-group";
    static final int REASON_MAX = 1000;
    private static final Logger log = LoggerFactory.getLogger(IssuanceService.class);

    private final IssuanceMapper batches;
    private final ApplicationMapper applications;
    private final ApplicationProgress progress;
    private final ApplicationReturns returns;
    private final IssuanceSettings settings;
    private final RuntimeService runtime;
    private final AuditTrail audit;
    private final IssuanceNotices notices;
    private final Clock clock;
    private final ManagementService management;
    private final ProcessEngine engine;
    private final TransactionTemplate ownTransaction;

    public IssuanceService(IssuanceMapper batches, ApplicationMapper applications, ApplicationProgress progress,
            ApplicationReturns returns, IssuanceSettings settings, RuntimeService runtime, AuditTrail audit,
            IssuanceNotices notices, Clock clock, ManagementService management, ProcessEngine engine,
            PlatformTransactionManager transactionManager) {
        this.management = management;
        this.engine = engine;
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.batches = batches;
        this.applications = applications;
        this.progress = progress;
        this.returns = returns;
        this.settings = settings;
        this.runtime = runtime;
        this.audit = audit;
        this.notices = notices;
        this.clock = clock;
    }

    /**
     * Opens this month's batches: for one bureau (a bureau's "run now") or for every bureau with cases waiting
     * (the timer). A bureau whose batch for the month exists already is left alone. Returns the new batch ids.
     */
    @Transactional
    public List<Long> openBatches(YearMonth month, Long bureauId, String processInstanceId) {
        List<Long> bureaus = bureauId != null ? List.of(bureauId) : batches.findBureausWithUncollected(month.toString());
        List<Long> opened = new ArrayList<>();
        for (long bureau : bureaus) {
            if (batches.findBatchByMonth(month.toString(), bureau).isPresent()) {
                continue;
            }
            GeneratedKey key = new GeneratedKey();
            batches.insertBatch(new IssuanceBatch(null, month.toString(), bureau, BatchStatus.COLLECTING,
                    processInstanceId, settings.releaseOn(month), null, null, null, null, null, null, null,
                    clock.instant()), key);
            audit.append(AuditTrail.SYSTEM, bureau, "ISSUANCE_BATCH_OPENED", "issuance_batch", key.value(),
                    "month=" + month, null);
            opened.add(key.value());
        }
        return opened;
    }

    /** Takes in the bureau's approved cases of the month (and earlier ones no batch took) for its check. */
    @Transactional
    public int collect(long batchId) {
        IssuanceBatch batch = batches.lockBatch(batchId).orElseThrow();
        if (batch.status() != BatchStatus.COLLECTING) {
            return 0;
        }
        Instant now = clock.instant();
        int added = batches.collect(batchId, batch.bureauId(), batch.issuanceMonth(), now);
        applications.moveToIssuanceMonth(batchId, batch.issuanceMonth());
        batches.updateBatchStatus(batchId, BatchStatus.CHECKING, now);
        audit.append(AuditTrail.SYSTEM, batch.bureauId(), "ISSUANCE_BATCH_COLLECTED", "issuance_batch", batchId,
                "cases=" + added, null);
        return added;
    }

    /**
     * The bureau sends one case of the batch back to its submitter with a reason, while it checks the batch.
     * The case re-enters its review at the submitter's revision step.
     */
    @Transactional
    public IssuanceItem exclude(IssuanceBatch batch, long applicationId, String reason, String by, Long byOrganisation) {
        String text = reason == null ? "" : reason.strip();
        if (text.isEmpty()) {
            throw DomainException.badRequest("issuance.reason-required");
        }
        if (text.length() > REASON_MAX) {
            throw DomainException.badRequest("decision.reason-too-long");
        }
        IssuanceBatch locked = batches.lockBatch(batch.id()).orElseThrow();
        if (locked.status() != BatchStatus.CHECKING) {
            throw DomainException.conflict("issuance.not-checking");
        }
        IssuanceItem item = batches.findItemByApplication(applicationId).filter(i -> i.batchId() == batch.id())
                .orElseThrow(() -> DomainException.notFound("issuance.case-not-in-batch"));
        if (item.status() != ItemStatus.PENDING || batches.excludeItem(item.id(), text, by, clock.instant()) != 1) {
            throw DomainException.conflict("issuance.case-excluded");
        }
        progress.recordDecision(applicationId, IssuanceProcess.CHECK_TASK, "RETURN", text, by);
        returns.returnAtIssuance(applicationId);
        audit.append(by, byOrganisation, "ISSUANCE_CASE_EXCLUDED", "application", applicationId,
                "batch=" + batch.id(), text);
        notices.caseExcluded(applicationId, text);
        return batches.findItem(item.id()).orElseThrow();
    }

    /** A checked approval: what the bureau grants the batch with. */
    public record Approval(LocalDate grantDate, String grantAuthority, String documentNumber) {
    }

    /** The approval's fields as the bureau gave them (product or Tasklist), or a refusal in words. */
    public Approval checkApproval(Object grantDate, Object grantAuthority, Object documentNumber) {
        LocalDate date = parseGrantDate(grantDate);
        if (date.isAfter(LocalDate.now(clock.withZone(CertificateIssuer.CHINA)))) {
            throw DomainException.badRequest("issuance.grant-date-future");
        }
        return new Approval(date, required(grantAuthority, 200, "issuance.grant-authority-required"),
                required(documentNumber, 100, "issuance.document-number-required"));
    }

    /** The bureau's approval of the checked batch (Guangxi: grant time, grant authority, document number). */
    @Transactional
    public void approve(long batchId, Object grantDate, Object grantAuthority, Object documentNumber, String by,
            Long byOrganisation) {
        Approval approval = checkApproval(grantDate, grantAuthority, documentNumber);
        IssuanceBatch batch = batches.lockBatch(batchId).orElseThrow();
        if (batch.status() != BatchStatus.CHECKING || batches.approveBatch(batchId, approval.grantDate(),
                approval.grantAuthority(), approval.documentNumber(), by, clock.instant()) != 1) {
            throw DomainException.conflict("issuance.not-checking");
        }
        audit.append(by, byOrganisation, "ISSUANCE_BATCH_APPROVED", "issuance_batch", batchId,
                "grantDate=" + approval.grantDate() + ", documentNumber=" + approval.documentNumber(),
                approval.grantAuthority());
    }

    /**
     * Starts the generation of up to {@code dispatch-chunk} cases not started yet, in one transaction: one
     * {@code issuance-group} instance (one job) per {@code group-size} cases, each case committed on its own when the
     * job runs. A group costs the engine what one case used to (about twenty statements and two commits for its
     * instance and job), shared by all of its cases.
     */
    @Transactional
    public int dispatch(long batchId) {
        List<IssuanceItem> undispatched = batches.findUndispatched(batchId, settings.dispatchChunk());
        for (int from = 0; from < undispatched.size(); from += settings.groupSize()) {
            List<Long> ids = undispatched.subList(from, Math.min(undispatched.size(), from + settings.groupSize()))
                    .stream().map(IssuanceItem::id).toList();
            // No variables: the instance's id names its cases (issuance_item.process_instance_id).
            ProcessInstance group = runtime.startProcessInstanceByKey(GROUP_PROCESS,
                    "issuance-group:" + batchId + ":" + ids.get(0));
            if (batches.setItemsProcess(ids, group.getId()) != ids.size()) {
                // Another node dispatched some of them meanwhile: roll back everything this chunk did.
                throw new IllegalStateException("issuance items " + ids + " were dispatched concurrently");
            }
        }
        return undispatched.size();
    }

    /**
     * A case of a generation group goes on as an {@code issuance-case} instance of its own: it has no photo yet (the
     * instance waits for it), or its generation failed (the instance's job retries it and, once retries run out,
     * is the case's incident in Cockpit). In the group job's transaction: undone with it if that fails.
     */
    public void handOff(IssuanceItem item, String group) {
        ProcessInstance instance = runtime.startProcessInstanceByKey(CASE_PROCESS,
                CertificateRequest.applicationKey(item.applicationId()));
        if (batches.moveItemProcess(item.id(), group, instance.getId()) != 1) {
            throw new IllegalStateException("issuance item " + item.id() + " is no longer in group " + group);
        }
    }

    /**
     * The item an {@code issuance-case} instance works on: the one of the application its business key names (an
     * application joins one batch only). Instances started when the item was also a variable have the same key.
     */
    public IssuanceItem itemOfCase(String businessKey) {
        long applicationId = CertificateRequest.applicationOfKey(businessKey).orElseThrow(
                () -> new IllegalStateException("issuance case without an application key: " + businessKey));
        return batches.findItemByApplication(applicationId)
                .orElseThrow(() -> new IllegalStateException("no issuance item for application " + applicationId));
    }

    /**
     * When the batch has nothing left to generate, its progress check runs as soon as the caller's transaction has
     * committed (a generation job's end), not at its next poll ({@code poll-interval}, 30 s) after the idle job
     * executor's next look for jobs ({@code max-wait}): the batch is GENERATED seconds after its last certificate.
     */
    public void checkProgressSoonIfDone(long batchId) {
        if (!generationDone(batchId)) {
            return;
        }
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            checkProgressNow(batchId);
            return;
        }
        AfterCommit.run(() -> {
            // The committed transaction is still bound to the thread: the engine's commands get one of their own.
            try {
                ownTransaction.executeWithoutResult(tx -> checkProgressNow(batchId));
            } catch (RuntimeException e) {
                // Two last jobs of a batch ending together both move the timer: one of them did. Else the poll does.
                log.info("Progress check of issuance batch {} left to its timer ({})", batchId, e.getClass().getName());
            }
        });
    }

    /**
     * The batch's progress check (its poll timer) is due now, and this node's job executor is told to look for it once
     * the caller's transaction has committed (before, it would not see the timer's new due date).
     */
    public void checkProgressNow(long batchId) {
        String instance = batches.findBatch(batchId).map(IssuanceBatch::processInstanceId).orElse(null);
        if (instance == null) {
            return;
        }
        java.util.Date now = java.util.Date.from(clock.instant());
        boolean moved = false;
        for (Job job : management.createJobQuery().processInstanceId(instance).activityId(IssuanceProcess.POLL_TIMER)
                .timers().list()) {
            // A month's cycle runs a batch per bureau (one timer each): this batch's only.
            Object ofBatch = runtime.getVariable(job.getExecutionId(), "batchId");
            if (ofBatch instanceof Number n && n.longValue() == batchId) {
                management.setJobDuedate(job.getId(), now);
                moved = true;
            }
        }
        JobExecutor executor = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor();
        if (moved && executor != null) {
            AfterCommit.run(executor::jobWasAdded);
        }
    }

    /** Whether nothing is left to generate: every case is generated, waits for its photo, or was excluded. */
    public boolean generationDone(long batchId) {
        return counts(batchId).getOrDefault(ItemStatus.PENDING, 0L) == 0;
    }

    @Transactional
    public void markGenerated(long batchId) {
        IssuanceBatch batch = batches.lockBatch(batchId).orElseThrow();
        if (batch.status() == BatchStatus.GENERATING) {
            batches.updateBatchStatus(batchId, BatchStatus.GENERATED, clock.instant());
            Map<ItemStatus, Long> counts = counts(batchId);
            audit.append(AuditTrail.SYSTEM, batch.bureauId(), "ISSUANCE_BATCH_GENERATED", "issuance_batch", batchId,
                    "generated=" + counts.getOrDefault(ItemStatus.GENERATED, 0L) + ", waitingForPhoto="
                            + counts.getOrDefault(ItemStatus.WAITING_FOR_PHOTO, 0L), null);
        }
    }

    /** Release day: holders may download from now on, and are told so. */
    @Transactional
    public void release(long batchId) {
        IssuanceBatch batch = batches.lockBatch(batchId).orElseThrow();
        if (batch.status() == BatchStatus.RELEASED) {
            return;
        }
        batches.updateBatchStatus(batchId, BatchStatus.RELEASED, clock.instant());
        long told = 0;
        long after = 0;
        List<IssuanceItem> page;
        while (!(page = batches.findGenerated(batchId, after, 500)).isEmpty()) {
            for (IssuanceItem item : page) {
                told += notices.certificateReleased(item) ? 1 : 0;
                after = item.id();
            }
        }
        audit.append(AuditTrail.SYSTEM, batch.bureauId(), "ISSUANCE_BATCH_RELEASED", "issuance_batch", batchId,
                "holdersNotified=" + told, null);
    }

    public Map<ItemStatus, Long> counts(long batchId) {
        Map<ItemStatus, Long> counts = new EnumMap<>(ItemStatus.class);
        for (IssuanceMapper.StatusCount c : batches.countByStatus(batchId)) {
            counts.put(c.status(), c.n());
        }
        return counts;
    }

    /**
     * Cases whose generation ran out of retries: an incident in Cockpit, where an operator retries it. A case's own
     * instance, or a group's whose job itself failed (its cases not handed over yet: the database was down, say).
     */
    public long failed(long batchId) {
        List<String> instances = runtime.createIncidentQuery().processDefinitionKeyIn(CASE_PROCESS, GROUP_PROCESS).list()
                .stream()
                .map(Incident::getProcessInstanceId).distinct().toList();
        long failed = 0;
        for (int from = 0; from < instances.size(); from += 500) {
            failed += batches.countWithProcess(batchId, instances.subList(from, Math.min(instances.size(), from + 500)));
        }
        return failed;
    }

    /** Approved cases of the bureau that a batch of {@code month} would take in now. */
    public long waitingToBeCollected(long bureauId, YearMonth month) {
        return applications.countApprovedWithoutBatch(bureauId, month.toString());
    }

    static LocalDate parseGrantDate(Object value) {
        if (value instanceof LocalDate date) {
            return date;
        }
        if (value instanceof java.util.Date date) {
            return LocalDate.ofInstant(date.toInstant(), CertificateIssuer.CHINA);
        }
        String text = value == null ? "" : value.toString().strip();
        if (text.isEmpty()) {
            throw DomainException.badRequest("issuance.grant-date-required");
        }
        try {
            // Camunda Forms send a date field as yyyy-MM-dd; the engine REST API may send a date-time.
            return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
        } catch (DateTimeParseException e) {
            throw DomainException.badRequest("issuance.grant-date-invalid");
        }
    }

    private static String required(Object value, int max, String code) {
        String text = value == null ? "" : value.toString().strip();
        if (text.isEmpty() || text.length() > max) {
            throw DomainException.badRequest(code);
        }
        return text;
    }

    /** Fails unless the case is approved and waiting for issuance (the generation's precondition). */
    static void requireApproved(Application application) {
        if (application.status() != ApplicationStatus.APPROVED && application.status() != ApplicationStatus.ISSUED) {
            throw new IllegalStateException("application " + application.id() + " is " + application.status());
        }
    }
}
