package cn.titlecert.process;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.titlecert.application.ApplicationProgress;

/** The service tasks of the review processes: each reads the case id, calls the service, sets a variable. */
@Configuration(proxyBeanMethods = false)
class ReviewOutcomeDelegates {

    static final String OUTCOME = "reviewOutcome";

    @Bean
    JavaDelegate approveApplication(ApplicationProgress progress) {
        return execution -> {
            execution.setVariable("issuanceMonth", progress.approve(applicationId(execution)));
            execution.setVariable(OUTCOME, "APPROVED");
        };
    }

    @Bean
    JavaDelegate rejectApplication(ApplicationProgress progress) {
        return execution -> {
            progress.reject(applicationId(execution));
            execution.setVariable(OUTCOME, "REJECTED");
        };
    }

    @Bean
    JavaDelegate returnApplication(ApplicationProgress progress) {
        return execution -> progress.returnToApplicant(applicationId(execution));
    }

    @Bean
    JavaDelegate checkUploadDeadline(ApplicationProgress progress) {
        return execution -> execution.setVariable("uploadLate", progress.checkUploadDeadline(applicationId(execution)));
    }

    /** The case a task or an execution belongs to: every review process carries it as {@code applicationId}. */
    static long applicationId(VariableScope scope) {
        return ((Number) scope.getVariable("applicationId")).longValue();
    }
}
