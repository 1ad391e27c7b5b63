package cn.titlecert.process;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import cn.titlecert.issuance.IssuanceProcess;
import cn.titlecert.lifecycle.Corrections;
import cn.titlecert.review.ReviewTier;
import cn.titlecert.security.Role;

/**
 * What the person completing each user task may hand to the engine: the decision variables of that step, as its
 * form asks for them, and the role the step needs where one role decides it. Everything else a case runs on (its
 * path and level, the tiers, the candidate groups, the case's id, the outcome) is written by the product alone.
 */
final class TaskInputs {

    record Step(Set<String> variables, Optional<Role> role) {
    }

    private static final Set<String> DECISION = Set.of("decision", "decisionReason");
    private static final Map<String, Step> STEPS = new HashMap<>();

    static {
        for (ReviewTier tier : ReviewTier.values()) {
            STEPS.put(tier.taskId(), new Step(DECISION, Optional.of(tier.role())));
        }
        STEPS.put(ReviewTier.REVISE_TASK, new Step(Set.of("resubmitted"), Optional.empty()));
        STEPS.put(ReviewTier.LATE_UPLOAD_TASK, new Step(Set.of("lateUploadNote"), Optional.of(Role.BUREAU)));
        STEPS.put(IssuanceProcess.CHECK_TASK,
                new Step(Set.of("grantDate", "grantAuthority", "documentNumber"), Optional.of(Role.BUREAU)));
        // A correction's first step is decided by the holder's reporting unit, whatever its kind; the second by the bureau.
        STEPS.put(Corrections.REVIEW_TASK, new Step(DECISION, Optional.empty()));
        STEPS.put(Corrections.BUREAU_TASK, new Step(DECISION, Optional.of(Role.BUREAU)));
    }

    private TaskInputs() {
    }

    /** The step of a task definition key; a task the product does not know takes no variables at all. */
    static Step of(String taskDefinitionKey) {
        return STEPS.getOrDefault(taskDefinitionKey, new Step(Set.of(), Optional.empty()));
    }
}
