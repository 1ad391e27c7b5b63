package cn.titlecert.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
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

    static long applicationId(DelegateExecution execution) {
        return ((Number) execution.getVariable("applicationId")).longValue();
    }
}
