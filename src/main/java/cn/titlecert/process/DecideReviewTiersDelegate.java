package cn.titlecert.process;

import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Asks the DMN table {@code review-tiers} (bpmn/review-tiers.dmn, editable in Camunda Modeler) which
 * tiers review this case, and sets one boolean variable per tier for the gateways.
 */
@Component("decideReviewTiers")
public class DecideReviewTiersDelegate implements JavaDelegate {

    static final String DECISION_KEY = "review-tiers";
    static final String[] TIERS = {"employerReview", "supervisorReview", "agencyReview", "bureauReview"};

    private final DecisionService decisions;

    public DecideReviewTiersDelegate(DecisionService decisions) {
        this.decisions = decisions;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Map<String, Object> input = Map.of(
                "path", execution.getVariable("path"),
                "level", execution.getVariable("level"),
                "hasSupervisor", execution.getVariable("hasSupervisor"));
        DmnDecisionResultEntries result = decisions.evaluateDecisionByKey(DECISION_KEY).variables(input).evaluate()
                .getSingleResult();
        for (String tier : TIERS) {
            Object value = result == null ? null : result.getEntry(tier);
            execution.setVariable(tier, Boolean.TRUE.equals(value));
        }
    }
}
