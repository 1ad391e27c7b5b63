package cn.titlecert.issuance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import java.util.concurrent.ThreadLocalRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.transaction.annotation.Transactional;

import cn.titlecert.application.Application;
import cn.titlecert.application.ApplicationMapper;
import cn.titlecert.application.ApplicationStatus;
import cn.titlecert.audit.AuditTrail;
import cn.titlecert.certificate.Certificate;
import cn.titlecert.certificate.CertificateIssuer;
import cn.titlecert.certificate.CertificateMapper;
import cn.titlecert.certificate.CertificateRequest;
import cn.titlecert.organisation.Organisation;
import cn.titlecert.organisation.OrganisationService;
import cn.titlecert.organisation.OrganisationType;
import cn.titlecert.person.Photo;
import cn.titlecert.person.PhotoMapper;

/**
 * The certificates of a batch's cases. A generation job works through a group of cases ({@code issuance-group}) or a
 * single case ({@code issuance-case}); either way each case is one transaction: its certificate, the item's and the
 * application's new state commit together, or not at all. The generation key makes a repeated run (a retried or
 * re-run job, a second node) find the first certificate instead of issuing a second.
 */
@Service
public class CertificateGeneration {

    private static final Logger log = LoggerFactory.getLogger(CertificateGeneration.class);
    private static final int LOCK_CONFLICT_ATTEMPTS = 5;

    private final IssuanceMapper batches;
    private final ApplicationMapper applications;
    private final OrganisationService organisations;
    private final PhotoMapper photos;
    private final CertificateIssuer issuer;
    private final CertificateMapper certificates;
    private final IssuanceNotices notices;
    private final IssuanceService issuance;
    private final IssuanceSettings settings;
    private final AuditTrail audit;
    private final java.time.Clock clock;
    private final TransactionTemplate ownTransaction;

    public CertificateGeneration(IssuanceMapper batches, ApplicationMapper applications,
            OrganisationService organisations, PhotoMapper photos, CertificateIssuer issuer, CertificateMapper certificates,
            IssuanceNotices notices, IssuanceService issuance, IssuanceSettings settings, AuditTrail audit,
            java.time.Clock clock, PlatformTransactionManager transactionManager) {
        this.settings = settings;
        this.certificates = certificates;
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.batches = batches;
        this.applications = applications;
        this.organisations = organisations;
        this.photos = photos;
        this.issuer = issuer;
        this.notices = notices;
        this.issuance = issuance;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * The job of an {@code issuance-group} instance: every pending case the group holds, each in a transaction of its
     * own. A case goes on as an {@code issuance-case} instance of its own (its photo wait, its retries, its incident)
     * when it has no photo, when its generation fails, when the group's time budget ran out before it was reached (a
     * slow time-stamping service, say: the job must end well before its lock does), or when this job failed before
     * (then it hands every pending case over without trying: one case that breaks the whole run, an error that is not
     * an exception, cannot hold the others back). The hand-overs are written after the loop, in the job's transaction,
     * so that it holds no item's row while the cases' own transactions run; a crash before the job's commit leaves
     * them to the re-run job, which finds the committed cases generated.
     *
     * @param failedBefore whether an earlier run of this job failed (its exception is recorded on the job)
     * @return how many certificates this run generated
     */
    public int generateGroup(String groupInstanceId, boolean failedBefore) {
        List<IssuanceItem> items = batches.findPendingOfProcess(groupInstanceId);
        if (items.isEmpty()) {
            return 0;
        }
        // A group's cases are of one batch, which stays GENERATING while any of them is pending.
        IssuanceBatch batch = batches.findBatch(items.get(0).batchId()).orElseThrow();
        long startedAt = System.nanoTime();
        long budget = settings.groupTimeBudget().toNanos();
        List<IssuanceItem> handOver = new ArrayList<>();
        int generated = 0;
        for (IssuanceItem item : items) {
            if (failedBefore || System.nanoTime() - startedAt >= budget) {
                handOver.add(item);
                continue;
            }
            try {
                if (generate(item, batch)) {
                    generated++;
                } else {
                    handOver.add(item);
                }
            } catch (RuntimeException e) {
                // The exception's text may quote the case's data: the case's own job records it, in Cockpit.
                log.warn("Generation of issuance item {} failed in its group ({}): it goes on as a case of its own",
                        item.id(), e.getClass().getName());
                handOver.add(item);
            }
        }
        for (IssuanceItem item : handOver) {
            issuance.handOff(item, groupInstanceId);
        }
        if (handOver.size() > 0 && (failedBefore || handOver.size() > generated)) {
            log.info("Issuance group {}: {} generated, {} handed over as cases of their own{}", groupInstanceId,
                    generated, handOver.size(), failedBefore ? " (the group's job failed before)" : "");
        }
        issuance.checkProgressSoonIfDone(batch.id());
        return generated;
    }

    /** @return false when the holder has no photo yet (R9: no photo, no certificate) */
    public boolean generate(long itemId) {
        return generate(batches.findItem(itemId).orElseThrow(() -> new IllegalStateException("item " + itemId)));
    }

    /** The same for an item read by the caller (an {@code issuance-case} job has just looked it up). */
    public boolean generate(IssuanceItem item) {
        boolean generated = generate(item, null);
        if (generated) {
            issuance.checkProgressSoonIfDone(item.batchId());
        }
        return generated;
    }

    /**
     * One case in a transaction of its own, retried at once when the database picked it as a deadlock victim (InnoDB
     * does so for concurrent inserts into the same unique indexes, several nodes generating).
     */
    private boolean generate(IssuanceItem item, IssuanceBatch batchRead) {
        if (item.status() == ItemStatus.GENERATED || item.status() == ItemStatus.EXCLUDED) {
            return true;
        }
        for (int attempt = 1;; attempt++) {
            try {
                return Boolean.TRUE.equals(ownTransaction.execute(tx -> generateNow(item, batchRead)));
            } catch (PessimisticLockingFailureException e) {
                if (attempt >= LOCK_CONFLICT_ATTEMPTS) {
                    throw e;
                }
                try {
                    Thread.sleep(ThreadLocalRandom.current().nextLong(10, 50L * attempt));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private boolean generateNow(IssuanceItem item, IssuanceBatch batchRead) {
        long itemId = item.id();
        Optional<Photo> photo = photos.findCurrent(item.personId());
        if (photo.isEmpty()) {
            return false;
        }
        IssuanceBatch batch = batchRead != null ? batchRead : batches.findBatch(item.batchId()).orElseThrow();
        Application a = applications.findById(item.applicationId()).orElseThrow();
        IssuanceService.requireApproved(a);
        // The review body, reporting unit, employer and issuing bureau in one query (Arrays.asList: any of the first
        // three may be absent).
        Map<Long, Organisation> units = organisations.findAll(Arrays.asList(a.reviewBodyId(), a.reportingUnitId(),
                a.employerId(), batch.bureauId()));
        Organisation bureau = Optional.ofNullable(units.get(batch.bureauId()))
                .orElseThrow(() -> new IllegalStateException("issuing bureau " + batch.bureauId() + " of batch " + batch.id()));
        Optional<Organisation> reviewBody = Optional.ofNullable(a.reviewBodyId()).map(units::get);
        String reviewBodyOrganizer = reviewBody.filter(o -> o.type() == OrganisationType.COMMITTEE)
                .map(Organisation::parentId).flatMap(organisations::find).map(Organisation::name).orElse(null);
        // A historical paper certificate's record (R18) keeps the approval the title was granted with.
        Optional<Certificate> paper = certificates.findImportedByApplication(a.id());
        CertificateRequest request = new CertificateRequest(CertificateRequest.applicationKey(a.id()), a.id(),
                a.personId(), a.path(), a.reviewType(), a.titleSeries(), a.titleSpecialty(), a.titleName(),
                a.titleLevel(), a.obtainedOn(),
                a.reviewBodyName() != null ? a.reviewBodyName() : reviewBody.map(Organisation::name).orElse(null),
                name(units, a.reportingUnitId()), name(units, a.employerId()), reviewBodyOrganizer,
                paper.map(Certificate::approvingUnitName).orElse(batch.grantAuthority()),
                paper.map(Certificate::approvalDocNumber).orElse(batch.documentNumber()),
                paper.map(Certificate::approvalDate).orElse(batch.grantDate()),
                batch.bureauId(), batch.releaseOn());
        CertificateIssuer.Issued issued = issuer.issue(request, AuditTrail.SYSTEM, photo.get(), bureau);
        batches.updateItem(itemId, ItemStatus.GENERATED, issued.certificate().id(), clock.instant());
        applications.updateProgress(a.id(), ApplicationStatus.ISSUED, null, batch.issuanceMonth(), clock.instant());
        if (batch.status() == BatchStatus.RELEASED) {
            // Generated after release day (its photo came late): the holder may download at once.
            notices.certificateReleased(batches.findItem(itemId).orElseThrow());
        }
        return true;
    }

    /** The case waits in the batch for its photo; the holder and the collecting unit are told (R9). */
    @Transactional
    public void waitForPhoto(IssuanceItem item) {
        long itemId = item.id();
        if (item.status() == ItemStatus.WAITING_FOR_PHOTO) {
            return;
        }
        batches.updateItem(itemId, ItemStatus.WAITING_FOR_PHOTO, null, clock.instant());
        audit.append(AuditTrail.SYSTEM, null, "ISSUANCE_WAITING_FOR_PHOTO", "application", item.applicationId(),
                "batch=" + item.batchId(), null);
        notices.photoMissing(item);
        issuance.checkProgressSoonIfDone(item.batchId());
    }

    /** The unit's name, or null when the case has none (the map holds no null key). */
    private static String name(Map<Long, Organisation> units, Long organisationId) {
        return Optional.ofNullable(units.get(organisationId)).map(Organisation::name).orElse(null);
    }
}
