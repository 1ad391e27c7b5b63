package cn.titlecert.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
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

    /**
     * The case a task or an execution belongs to: the business key the product started its process with (passed on
     * to {@code tiered-review}), which no task completion can change. The {@code applicationId} variable, which the
     * product writes too, serves only an instance started without that key.
     */
    static long applicationId(VariableScope scope) {
        String key = scope instanceof DelegateTask task ? task.getExecution().getProcessBusinessKey()
                : scope instanceof DelegateExecution execution ? execution.getProcessBusinessKey() : null;
        if (key != null && !key.isEmpty() && key.chars().allMatch(c -> c >= '0' && c <= '9') && key.length() < 19) {
            return Long.parseLong(key);
        }
        return ((Number) scope.getVariable("applicationId")).longValue();
    }
}
