package cn.titlecert.issuance;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

import java.util.concurrent.ThreadLocalRandom;

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
 * One case's certificate, as the job of its {@code issuance-case} instance. The certificate is committed in a
 * transaction of its own, the case's new state with the job's completion; the generation key makes a repeated run
 * (after a crash between the two, or a retry) find the first certificate instead of issuing a second.
 */
@Service
public class CertificateGeneration {

    private static final int LOCK_CONFLICT_ATTEMPTS = 5;

    private final IssuanceMapper batches;
    private final ApplicationMapper applications;
    private final OrganisationService organisations;
    private final PhotoMapper photos;
    private final CertificateIssuer issuer;
    private final CertificateMapper certificates;
    private final IssuanceNotices notices;
    private final AuditTrail audit;
    private final java.time.Clock clock;
    private final TransactionTemplate ownTransaction;

    public CertificateGeneration(IssuanceMapper batches, ApplicationMapper applications,
            OrganisationService organisations, PhotoMapper photos, CertificateIssuer issuer, CertificateMapper certificates,
            IssuanceNotices notices, AuditTrail audit, java.time.Clock clock, PlatformTransactionManager transactionManager) {
        this.certificates = certificates;
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.batches = batches;
        this.applications = applications;
        this.organisations = organisations;
        this.photos = photos;
        this.issuer = issuer;
        this.notices = notices;
        this.audit = audit;
        this.clock = clock;
    }

    /** @return false when the holder has no photo yet (R9: no photo, no certificate) */
    @Transactional
    public boolean generate(long itemId) {
        return generate(batches.findItem(itemId).orElseThrow(() -> new IllegalStateException("item " + itemId)));
    }

    /** The same for an item read in the caller's transaction (the case's job has just looked it up). */
    @Transactional
    public boolean generate(IssuanceItem item) {
        long itemId = item.id();
        if (item.status() == ItemStatus.GENERATED || item.status() == ItemStatus.EXCLUDED) {
            return true;
        }
        Optional<Photo> photo = photos.findCurrent(item.personId());
        if (photo.isEmpty()) {
            return false;
        }
        IssuanceBatch batch = batches.findBatch(item.batchId()).orElseThrow();
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
        CertificateIssuer.Issued issued = issueRetryingLockConflicts(request, photo.get(), bureau);
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
    }

    /**
     * The certificate in a transaction of its own, retried at once when the database picked it as a deadlock
     * victim (InnoDB does so for concurrent inserts into the same unique indexes, several nodes generating). Safe
     * because generation is idempotent: if this job's own transaction fails later, its rerun finds the row.
     */
    private CertificateIssuer.Issued issueRetryingLockConflicts(CertificateRequest request, Photo photo,
            Organisation bureau) {
        for (int attempt = 1;; attempt++) {
            try {
                return ownTransaction.execute(tx -> issuer.issue(request, AuditTrail.SYSTEM, photo, bureau));
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

    /** The unit's name, or null when the case has none (the map holds no null key). */
    private static String name(Map<Long, Organisation> units, Long organisationId) {
        return Optional.ofNullable(units.get(organisationId)).map(Organisation::name).orElse(null);
    }
}
