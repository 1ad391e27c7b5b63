package cn.titlecert.process;

import static cn.titlecert.process.ReviewTaskListeners.actor;
import static cn.titlecert.process.ReviewTaskListeners.refuseAsBadRequest;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.titlecert.error.ErrorMessages;
import cn.titlecert.lifecycle.Corrections;

/**
 * The steps of {@code certificate-correction}, referenced from the BPMN by bean name: each reads
 * {@code correctionId} and calls {@link Corrections}. Tasklist decisions go through the same checks as the API's.
 */
@Configuration(proxyBeanMethods = false)
class CorrectionDelegates {

    /** On create: a previous step's decision must not leak into this one. */
    @Bean
    TaskListener trackCorrectionStep() {
        return task -> {
            task.getExecution().removeVariable("decision");
            task.getExecution().removeVariable("decisionReason");
        };
    }

    @Bean
    TaskListener recordCorrectionDecision(Corrections corrections, IdentityService identity, ErrorMessages errors) {
        return task -> refuseAsBadRequest(errors, () -> corrections.recordDecision(correctionId(task),
                task.getTaskDefinitionKey(), task.getVariable("decision"), task.getVariable("decisionReason"),
                actor(task, identity)));
    }

    @Bean
    JavaDelegate reissueCorrectedCertificate(Corrections corrections) {
        return execution -> corrections.reissue(correctionId(execution));
    }

    static long correctionId(VariableScope scope) {
        return ((Number) scope.getVariable("correctionId")).longValue();
    }
}
