package cn.titlecert.process;

import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import cn.titlecert.application.Application;
import cn.titlecert.application.ApplicationMapper;

/**
 * Asks the DMN table {@code review-tiers} (bpmn/review-tiers.dmn, editable in Camunda Modeler) which
 * tiers review this case, and sets one boolean variable per tier for the gateways. The table's inputs (path, level,
 * whether the employer has a supervisory department) come from the case as the product keeps it, never from
 * process variables: a resubmitted case is routed by its corrected level, and nobody routes a case by setting one.
 */
@Component("decideReviewTiers")
public class DecideReviewTiersDelegate implements JavaDelegate {

    static final String DECISION_KEY = "review-tiers";
    static final String[] TIERS = {"employerReview", "supervisorReview", "agencyReview", "bureauReview"};

    private final DecisionService decisions;
    private final ApplicationMapper applications;

    public DecideReviewTiersDelegate(DecisionService decisions, ApplicationMapper applications) {
        this.decisions = decisions;
        this.applications = applications;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long id = ReviewOutcomeDelegates.applicationId(execution);
        Application application = applications.findById(id)
                .orElseThrow(() -> new IllegalStateException("application " + id + " not found"));
        Map<String, Object> input = Map.of(
                "path", application.path().name(),
                "level", application.titleLevel().name(),
                "hasSupervisor", application.reportingUnitId() != null);
        DmnDecisionResultEntries result = decisions.evaluateDecisionByKey(DECISION_KEY).variables(input).evaluate()
                .getSingleResult();
        for (String tier : TIERS) {
            Object value = result == null ? null : result.getEntry(tier);
            execution.setVariable(tier, Boolean.TRUE.equals(value));
        }
    }
}
