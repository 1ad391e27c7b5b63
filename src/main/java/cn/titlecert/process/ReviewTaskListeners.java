package cn.titlecert.process;

import static cn.titlecert.process.ReviewOutcomeDelegates.applicationId;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.titlecert.application.ApplicationProgress;
import cn.titlecert.error.DomainException;
import cn.titlecert.error.ErrorMessages;
import cn.titlecert.review.ReviewTier;

/**
 * Task listeners of the review steps, referenced from the BPMN by bean name. Each reads the
 * {@code applicationId} variable and reports to {@link ApplicationProgress}; a decision made in Camunda
 * Tasklist goes through the same checks as one made through the product's API.
 */
@Configuration(proxyBeanMethods = false)
class ReviewTaskListeners {

    /** On create: the case now waits at this step; a previous step's decision must not leak into it. */
    @Bean
    TaskListener trackReviewStep(ApplicationProgress progress) {
        return task -> {
            task.getExecution().removeVariable("decision");
            task.getExecution().removeVariable("decisionReason");
            progress.waitingAt(applicationId(task), task.getTaskDefinitionKey(),
                    ReviewTier.REVISE_TASK.equals(task.getTaskDefinitionKey()));
        };
    }

    /**
     * On complete of a review step: the decision is checked and written to the case's history. A refused
     * decision (from Camunda Tasklist or the engine REST API) is a 400 with the reason in words.
     */
    @Bean
    TaskListener recordDecision(ApplicationProgress progress, IdentityService identity, ErrorMessages errors) {
        return task -> refuseAsBadRequest(errors, () -> progress.recordDecision(applicationId(task),
                task.getTaskDefinitionKey(), task.getVariable("decision"), task.getVariable("decisionReason"),
                actor(task, identity)));
    }

    /** On complete of the revise step: the applicant sent the case back into review. */
    @Bean
    TaskListener resubmitApplication(ApplicationProgress progress, IdentityService identity) {
        return task -> progress.resubmitted(applicationId(task), actor(task, identity));
    }

    /** On complete of the bureau's check of a late upload: its note goes to the audit trail. */
    @Bean
    TaskListener recordLateUploadCheck(ApplicationProgress progress, IdentityService identity, ErrorMessages errors) {
        return task -> refuseAsBadRequest(errors, () -> progress.recordLateUploadCheck(applicationId(task),
                actor(task, identity), task.getVariable("lateUploadNote")));
    }

    static void refuseAsBadRequest(ErrorMessages errors, Runnable step) {
        try {
            step.run();
        } catch (DomainException e) {
            throw new BadUserRequestException(errors.text(e.messageKey(), e.args()));
        }
    }

    /** Whoever the engine knows as the current user (REST, Tasklist), else the task's assignee. */
    static String actor(DelegateTask task, IdentityService identity) {
        Authentication authentication = identity.getCurrentAuthentication();
        if (authentication != null && authentication.getUserId() != null) {
            return authentication.getUserId();
        }
        return task.getAssignee() != null ? task.getAssignee() : "unknown";
    }
}
