package cn.titlecert.issuance;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.titlecert.certificate.CertificateIssuer;
import cn.titlecert.error.DomainException;
import cn.titlecert.organisation.Organisation;
import cn.titlecert.organisation.OrganisationService;
import cn.titlecert.organisation.OrganisationType;
import cn.titlecert.security.CurrentUser;
import cn.titlecert.security.Role;

/**
 * What the issuing bureau does with its month's batch through the product (the API and the page): start or
 * advance the cycle, follow it, exclude a case, approve the batch. Each call acts on the caller's own bureau.
 */
@Service
public class IssuanceOperations {

    private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");

    private final IssuanceMapper batches;
    private final IssuanceService issuance;
    private final IssuanceSettings settings;
    private final PhotoArrivals photoArrivals;
    private final OrganisationService organisations;
    private final RuntimeService runtime;
    private final TaskService tasks;
    private final Clock clock;

    public IssuanceOperations(IssuanceMapper batches, IssuanceService issuance, IssuanceSettings settings,
            PhotoArrivals photoArrivals, OrganisationService organisations, RuntimeService runtime, TaskService tasks,
            Clock clock) {
        this.batches = batches;
        this.issuance = issuance;
        this.settings = settings;
        this.photoArrivals = photoArrivals;
        this.organisations = organisations;
        this.runtime = runtime;
        this.tasks = tasks;
        this.clock = clock;
    }

    /** The contract's view of a month's batch. */
    public record BatchView(String month, long bureauId, BatchStatus status, long total, long generated,
            long waitingForPhoto, long failed, long excluded, LocalDate releaseOn, LocalDate grantDate,
            String grantAuthority, String documentNumber) {
    }

    public static YearMonth parseMonth(String text) {
        if (text == null || !MONTH.matcher(text).matches()) {
            throw DomainException.badRequest("issuance.month-invalid");
        }
        try {
            return YearMonth.parse(text);
        } catch (DateTimeParseException e) {
            throw DomainException.badRequest("issuance.month-invalid");
        }
    }

    /** The bureau the caller works for: issuance is the issuing bureau's own business. */
    public Organisation bureauOf(CurrentUser user) {
        if (!user.has(Role.BUREAU) || user.organisationId() == null) {
            throw DomainException.forbidden("issuance.bureau-only");
        }
        Organisation bureau = organisations.find(user.organisationId())
                .orElseThrow(() -> DomainException.forbidden("issuance.bureau-only"));
        if (bureau.type() != OrganisationType.BUREAU) {
            throw DomainException.forbidden("issuance.bureau-only");
        }
        return bureau;
    }

    public BatchView view(long bureauId, YearMonth month) {
        Optional<IssuanceBatch> batch = batches.findBatchByMonth(month.toString(), bureauId);
        if (batch.isEmpty()) {
            // Not opened yet: the month is still collecting its approved cases.
            return new BatchView(month.toString(), bureauId, BatchStatus.COLLECTING,
                    issuance.waitingToBeCollected(bureauId, month), 0, 0, 0, 0, settings.releaseOn(month), null, null,
                    null);
        }
        IssuanceBatch b = batch.get();
        Map<ItemStatus, Long> counts = issuance.counts(b.id());
        long excluded = counts.getOrDefault(ItemStatus.EXCLUDED, 0L);
        long total = counts.values().stream().mapToLong(Long::longValue).sum() - excluded;
        return new BatchView(b.issuanceMonth(), bureauId, b.status(), total,
                counts.getOrDefault(ItemStatus.GENERATED, 0L), counts.getOrDefault(ItemStatus.WAITING_FOR_PHOTO, 0L),
                issuance.failed(b.id()), excluded, b.releaseOn(), b.grantDate(), b.grantAuthority(), b.documentNumber());
    }

    /**
     * Opens the month's cycle for the bureau now, or pushes a running one on: the progress check runs at once and
     * cases whose photo has arrived meanwhile are resumed. A month still to come cannot be run.
     */
    @Transactional
    public BatchView runNow(long bureauId, YearMonth month) {
        if (month.isAfter(YearMonth.now(clock.withZone(CertificateIssuer.CHINA)))) {
            throw DomainException.badRequest("issuance.month-future");
        }
        Optional<IssuanceBatch> batch = batches.findBatchByMonth(month.toString(), bureauId);
        if (batch.isEmpty()) {
            try {
                runtime.startProcessInstanceByMessage(IssuanceProcess.RUN_NOW_MESSAGE, month + ":" + bureauId,
                        Map.of("issuanceMonth", month.toString(), "bureauId", bureauId));
            } catch (DuplicateKeyException e) {
                throw DomainException.conflict("issuance.already-started");
            }
            return view(bureauId, month);
        }
        IssuanceBatch b = batch.get();
        for (long personId : batches.findPersonsWithPhotoArrived(b.id())) {
            photoArrivals.resume(personId);
        }
        issuance.checkProgressNow(b.id());
        return view(bureauId, month);
    }

    @Transactional
    public IssuanceItem exclude(CurrentUser user, YearMonth month, long applicationId, String reason) {
        Organisation bureau = bureauOf(user);
        IssuanceBatch batch = requireBatch(bureau.id(), month);
        return issuance.exclude(batch, applicationId, reason, user.username(), bureau.id());
    }

    /** Completes the bureau's check task with the approval; the task listener checks and records it. */
    @Transactional
    public BatchView approve(CurrentUser user, YearMonth month, LocalDate grantDate, String grantAuthority,
            String documentNumber) {
        Organisation bureau = bureauOf(user);
        IssuanceBatch batch = requireBatch(bureau.id(), month);
        Task task = batch.processInstanceId() == null ? null : checkTask(batch);
        if (batch.status() != BatchStatus.CHECKING || task == null) {
            throw DomainException.conflict("issuance.not-checking");
        }
        // The same checks the task listener applies, so that a refusal is a plain 400 here as well.
        issuance.checkApproval(grantDate, grantAuthority, documentNumber);
        if (task.getAssignee() != null && !task.getAssignee().equals(user.username())) {
            throw DomainException.conflict("task.assigned-to-other");
        }
        if (task.getAssignee() == null) {
            tasks.claim(task.getId(), user.username());
        }
        java.util.HashMap<String, Object> variables = new java.util.HashMap<>();
        variables.put("grantDate", grantDate == null ? null : grantDate.toString());
        variables.put("grantAuthority", grantAuthority);
        variables.put("documentNumber", documentNumber);
        tasks.complete(task.getId(), variables);
        return view(bureau.id(), month);
    }

    public List<IssuanceItem> items(CurrentUser user, YearMonth month, int offset, int limit) {
        Organisation bureau = bureauOf(user);
        IssuanceBatch batch = requireBatch(bureau.id(), month);
        return batches.findItems(batch.id(), Math.max(0, offset), Math.max(1, Math.min(limit, 500)));
    }

    private Task checkTask(IssuanceBatch batch) {
        return tasks.createTaskQuery().processInstanceId(batch.processInstanceId())
                .taskDefinitionKey(IssuanceProcess.CHECK_TASK).active().list().stream()
                .filter(t -> Long.valueOf(batch.id()).equals(asLong(tasks.getVariable(t.getId(), "batchId"))))
                .findFirst().orElse(null);
    }

    private IssuanceBatch requireBatch(long bureauId, YearMonth month) {
        return batches.findBatchByMonth(month.toString(), bureauId)
                .orElseThrow(() -> DomainException.notFound("issuance.batch-not-found"));
    }

    private static Long asLong(Object value) {
        return value instanceof Number n ? n.longValue() : null;
    }
}
