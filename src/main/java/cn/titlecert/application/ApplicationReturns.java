package cn.titlecert.application;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A case the issuing bureau excludes from its monthly batch goes back to its submitter: its path process starts
 * again (same case, same business key) and {@code tiered-review} begins at the revision step
 * ({@code returnedAtIssuance}); after the resubmission the case goes through every tier again.
 */
@Service
public class ApplicationReturns {

    /** The variables the review needs again; the rest of the old instance stays in its history. */
    private static final Set<String> CARRIED = Set.of("applicationId", "employerGroup", "supervisorGroup", "agencyGroup", "bureauGroup", "submitter");

    /** The call activity of {@code tiered-review} in every path model. */
    static final String REVIEW_ACTIVITY = "CallActivity_TieredReview";

    private final ApplicationMapper applications;
    private final HistoryService history;
    private final RuntimeService runtime;

    public ApplicationReturns(ApplicationMapper applications, HistoryService history, RuntimeService runtime) {
        this.applications = applications;
        this.history = history;
        this.runtime = runtime;
    }

    @Transactional
    public String returnAtIssuance(long applicationId) {
        Application a = applications.findById(applicationId)
                .orElseThrow(() -> new IllegalStateException("application " + applicationId + " not found"));
        if (a.status() != ApplicationStatus.APPROVED || a.processInstanceId() == null) {
            throw new IllegalStateException("application " + applicationId + " is not waiting for issuance");
        }
        List<HistoricVariableInstance> earlier = history.createHistoricVariableInstanceQuery()
                .processInstanceId(a.processInstanceId()).list();
        Map<String, Object> variables = new HashMap<>();
        for (HistoricVariableInstance v : earlier) {
            if (CARRIED.contains(v.getName())) {
                variables.put(v.getName(), v.getValue());
            }
        }
        if (!variables.containsKey("submitter") || !variables.containsKey("bureauGroup")) {
            throw new IllegalStateException("the review variables of application " + applicationId + " are gone");
        }
        variables.put("applicationId", applicationId);
        variables.put("returnedAtIssuance", true);
        // Straight into the review: the steps before it (a committee upload's deadline check) were done already.
        // The review's own return step marks the case RETURNED, as for a return by any tier.
        ProcessInstance instance = runtime.createProcessInstanceByKey(a.path().processKey())
                .businessKey(String.valueOf(applicationId)).setVariables(variables)
                .startBeforeActivity(REVIEW_ACTIVITY).execute();
        applications.setProcessInstance(applicationId, instance.getId());
        return instance.getId();
    }
}
