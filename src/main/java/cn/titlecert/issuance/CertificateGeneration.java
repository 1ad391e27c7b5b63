package cn.titlecert.issuance;

import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.titlecert.application.Application;
import cn.titlecert.application.ApplicationMapper;
import cn.titlecert.application.ApplicationStatus;
import cn.titlecert.audit.AuditTrail;
import cn.titlecert.certificate.CertificateIssuer;
import cn.titlecert.certificate.CertificateRequest;
import cn.titlecert.organisation.Organisation;
import cn.titlecert.organisation.OrganisationService;
import cn.titlecert.organisation.OrganisationType;
import cn.titlecert.person.PhotoMapper;

/**
 * One case's certificate, as the job of its {@code issuance-case} instance. Runs in the job's transaction: the
 * certificate row, the case's new state and the job's completion commit together or not at all, and the
 * generation key makes a repeated run find the first certificate instead of issuing a second.
 */
@Service
public class CertificateGeneration {

    private final IssuanceMapper batches;
    private final ApplicationMapper applications;
    private final OrganisationService organisations;
    private final PhotoMapper photos;
    private final CertificateIssuer issuer;
    private final IssuanceNotices notices;
    private final AuditTrail audit;
    private final java.time.Clock clock;

    public CertificateGeneration(IssuanceMapper batches, ApplicationMapper applications,
            OrganisationService organisations, PhotoMapper photos, CertificateIssuer issuer, IssuanceNotices notices,
            AuditTrail audit, java.time.Clock clock) {
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
        IssuanceItem item = batches.findItem(itemId).orElseThrow(() -> new IllegalStateException("item " + itemId));
        if (item.status() == ItemStatus.GENERATED || item.status() == ItemStatus.EXCLUDED) {
            return true;
        }
        if (photos.findCurrent(item.personId()).isEmpty()) {
            return false;
        }
        IssuanceBatch batch = batches.findBatch(item.batchId()).orElseThrow();
        Application a = applications.findById(item.applicationId()).orElseThrow();
        IssuanceService.requireApproved(a);
        Optional<Organisation> reviewBody = Optional.ofNullable(a.reviewBodyId()).flatMap(organisations::find);
        String reviewBodyOrganizer = reviewBody.filter(o -> o.type() == OrganisationType.COMMITTEE)
                .map(Organisation::parentId).flatMap(organisations::find).map(Organisation::name).orElse(null);
        CertificateRequest request = new CertificateRequest(CertificateRequest.applicationKey(a.id()), a.id(),
                a.personId(), a.path(), a.reviewType(), a.titleSeries(), a.titleSpecialty(), a.titleName(),
                a.titleLevel(), a.obtainedOn(),
                a.reviewBodyName() != null ? a.reviewBodyName() : reviewBody.map(Organisation::name).orElse(null),
                name(a.reportingUnitId()), name(a.employerId()), reviewBodyOrganizer, batch.grantAuthority(),
                batch.documentNumber(), batch.grantDate(),
                batch.bureauId(), batch.releaseOn());
        CertificateIssuer.Issued issued = issuer.issue(request, AuditTrail.SYSTEM);
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
    public void waitForPhoto(long itemId) {
        IssuanceItem item = batches.findItem(itemId).orElseThrow(() -> new IllegalStateException("item " + itemId));
        if (item.status() == ItemStatus.WAITING_FOR_PHOTO) {
            return;
        }
        batches.updateItem(itemId, ItemStatus.WAITING_FOR_PHOTO, null, clock.instant());
        audit.append(AuditTrail.SYSTEM, null, "ISSUANCE_WAITING_FOR_PHOTO", "application", item.applicationId(),
                "batch=" + item.batchId(), null);
        notices.photoMissing(item);
    }

    private String name(Long organisationId) {
        return organisationId == null ? null : organisations.find(organisationId).map(Organisation::name).orElse(null);
    }
}
