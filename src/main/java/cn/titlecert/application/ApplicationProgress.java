package cn.titlecert.application;

import java.time.Clock;
import java.time.LocalDate;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.titlecert.audit.AuditTrail;
import cn.titlecert.error.DomainException;
import cn.titlecert.persistence.GeneratedKey;
import cn.titlecert.review.IssuanceMonths;
import cn.titlecert.review.WorkingDayCalendar;
import cn.titlecert.security.UserAccount;
import cn.titlecert.security.UserAccountMapper;

/**
 * What the review process reports about a case: where it waits, each decision, and the outcome. Called by
 * the thin delegates of {@code cn.titlecert.process}, inside the engine's transaction.
 */
@Service
public class ApplicationProgress {

    /** Committee results must be uploaded within this many working days of being approved and filed. */
    public static final int UPLOAD_WORKING_DAYS = 5;
    public static final String WAITING_FOR_ISSUANCE = "MONTHLY_ISSUANCE";
    static final int REASON_MAX = 1000;

    private final ApplicationMapper applications;
    private final UserAccountMapper accounts;
    private final WorkingDayCalendar calendar;
    private final IssuanceMonths issuanceMonths;
    private final AuditTrail audit;
    private final Clock clock;

    public ApplicationProgress(ApplicationMapper applications, UserAccountMapper accounts, WorkingDayCalendar calendar,
            IssuanceMonths issuanceMonths, AuditTrail audit, Clock clock) {
        this.applications = applications;
        this.accounts = accounts;
        this.calendar = calendar;
        this.issuanceMonths = issuanceMonths;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public void waitingAt(long applicationId, String step, boolean returned) {
        Application a = require(applicationId);
        applications.updateProgress(applicationId, returned ? ApplicationStatus.RETURNED : ApplicationStatus.IN_REVIEW,
                step, a.issuanceMonth(), clock.instant());
    }

    /** Checks a decision as the contract states it: APPROVE, REJECT or RETURN; a reason unless APPROVE. */
    public static Decision checkDecision(Object decision, Object reason) {
        Decision parsed;
        try {
            parsed = decision == null ? null : Decision.valueOf(decision.toString().strip());
        } catch (IllegalArgumentException e) {
            parsed = null;
        }
        if (parsed == null) {
            throw DomainException.badRequest("decision.required");
        }
        String text = reason == null ? "" : reason.toString().strip();
        if (parsed != Decision.APPROVE && text.isEmpty()) {
            throw DomainException.badRequest("decision.reason-required");
        }
        if (text.length() > REASON_MAX) {
            throw DomainException.badRequest("decision.reason-too-long");
        }
        return parsed;
    }

    @Transactional
    public ApplicationDecision recordDecision(long applicationId, String step, Object decision, Object reason,
            String decidedBy) {
        Decision parsed = checkDecision(decision, reason);
        String text = reason == null || reason.toString().isBlank() ? null : reason.toString().strip();
        Long organisationId = accounts.findByUsername(decidedBy).map(UserAccount::organisationId).orElse(null);
        ApplicationDecision row = new ApplicationDecision(null, applicationId, step, parsed, text, decidedBy,
                organisationId, clock.instant());
        applications.insertDecision(row, new GeneratedKey());
        audit.append(decidedBy, organisationId, "APPLICATION_DECIDED", "application", applicationId,
                "step=" + step + ", decision=" + parsed, text);
        return row;
    }

    @Transactional
    public String approve(long applicationId) {
        require(applicationId);
        String month = issuanceMonths.monthFor(LocalDate.now(clock)).toString();
        applications.updateProgress(applicationId, ApplicationStatus.APPROVED, WAITING_FOR_ISSUANCE, month,
                clock.instant());
        audit.append(AuditTrail.SYSTEM, null, "APPLICATION_APPROVED", "application", applicationId,
                "issuanceMonth=" + month, null);
        return month;
    }

    @Transactional
    public void reject(long applicationId) {
        require(applicationId);
        applications.updateProgress(applicationId, ApplicationStatus.REJECTED, null, null, clock.instant());
        applications.clearDuplicateGuard(applicationId);
        audit.append(AuditTrail.SYSTEM, null, "APPLICATION_REJECTED", "application", applicationId, null, null);
    }

    @Transactional
    public void returnToApplicant(long applicationId) {
        require(applicationId);
        applications.updateProgress(applicationId, ApplicationStatus.RETURNED, null, null, clock.instant());
        audit.append(AuditTrail.SYSTEM, null, "APPLICATION_RETURNED", "application", applicationId, null, null);
    }

    @Transactional
    public void resubmitted(long applicationId, String by) {
        require(applicationId);
        applications.updateProgress(applicationId, ApplicationStatus.IN_REVIEW, null, null, clock.instant());
        audit.append(by, null, "APPLICATION_RESUBMITTED", "application", applicationId, null, null);
    }

    /**
     * Committee paths: the deadline is 5 working days after the results were approved and filed; an upload
     * after it is late. Returns whether it was late.
     */
    @Transactional
    public boolean checkUploadDeadline(long applicationId) {
        Application a = require(applicationId);
        if (a.resultsFiledOn() == null) {
            return false;
        }
        LocalDate deadline = calendar.addWorkingDays(a.resultsFiledOn(), UPLOAD_WORKING_DAYS);
        LocalDate uploadedOn = LocalDate.ofInstant(a.submittedAt(), clock.getZone());
        boolean late = uploadedOn.isAfter(deadline);
        applications.setUploadDeadline(applicationId, deadline, late);
        if (late) {
            audit.append(AuditTrail.SYSTEM, null, "UPLOAD_LATE", "application", applicationId,
                    "filed=" + a.resultsFiledOn() + ", deadline=" + deadline + ", uploaded=" + uploadedOn, null);
        }
        return late;
    }

    @Transactional
    public void recordLateUploadCheck(long applicationId, String by, Object note) {
        String text = note == null ? null : note.toString().strip();
        if (text == null || text.isEmpty()) {
            throw DomainException.badRequest("late-upload.note-required");
        }
        if (text.length() > REASON_MAX) {
            throw DomainException.badRequest("decision.reason-too-long");
        }
        Long organisationId = accounts.findByUsername(by).map(UserAccount::organisationId).orElse(null);
        audit.append(by, organisationId, "UPLOAD_LATE_CHECKED", "application", applicationId, null, text);
    }

    private Application require(long applicationId) {
        return applications.findById(applicationId)
                .orElseThrow(() -> new IllegalStateException("application " + applicationId + " not found"));
    }

}
