package cn.titlecert.issuance;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

import cn.titlecert.person.PhotoUploaded;

/**
 * When a photo is stored, the cases waiting for it go on: their {@code issuance-case} instances receive the
 * {@code photo-uploaded} message and queue their generation job. After the commit, so the job sees the photo.
 * Should this be lost (a crash between the commit and here), the bureau's "run now" delivers it again.
 */
@Component
class PhotoArrivals {

    private static final Logger log = LoggerFactory.getLogger(PhotoArrivals.class);

    private final IssuanceMapper batches;
    private final RuntimeService runtime;

    PhotoArrivals(IssuanceMapper batches, RuntimeService runtime) {
        this.batches = batches;
        this.runtime = runtime;
    }

    /**
     * Outside the upload's transaction: after its commit that transaction is still bound to the thread, and an engine
     * command joining it would write into a transaction nobody commits (on MySQL, where connections do not
     * auto-commit, the writes would be rolled back when the connection goes back to the pool). Suspended, each
     * correlation is a transaction of its own, so one case's optimistic-locking clash leaves the others' intact.
     */
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    public void photoUploaded(PhotoUploaded event) {
        resume(event.personId());
    }

    /**
     * Wakes every case of the person that waits for a photo; returns how many. Outside the caller's transaction (the
     * bureau's "run now" has one): a clash on one case would otherwise mark it for rollback, taking the others' along.
     */
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public int resume(long personId) {
        int resumed = 0;
        for (IssuanceItem item : batches.findWaitingForPhoto(personId)) {
            if (item.processInstanceId() == null) {
                continue;
            }
            try {
                // Each waiting case by its own instance (the cases carry no person variable to correlate by).
                resumed += runtime.createMessageCorrelation(IssuanceProcess.PHOTO_MESSAGE)
                        .processInstanceId(item.processInstanceId()).correlateAllWithResult().size();
            } catch (OptimisticLockingException wokenMeanwhile) {
                // An upload and a bureau's "run now" (or two nodes) woke this case at the same moment: one of them
                // did it. The person's other cases still get theirs, and the upload that brought us here stands.
                log.info("Issuance case {} was resumed concurrently", item.processInstanceId());
            }
        }
        if (resumed > 0) {
            log.info("Photo of person {} arrived: {} waiting case(s) resume generation", personId, resumed);
        }
        return resumed;
    }
}
