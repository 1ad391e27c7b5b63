package cn.titlecert.process;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.titlecert.certificate.CertificateIssuer;
import cn.titlecert.error.ErrorMessages;
import cn.titlecert.issuance.CertificateGeneration;
import cn.titlecert.issuance.IssuanceItem;
import cn.titlecert.issuance.IssuanceService;
import cn.titlecert.issuance.IssuanceSettings;
import cn.titlecert.security.UserAccount;
import cn.titlecert.security.UserAccountMapper;

/**
 * The steps of {@code monthly-issuance}, {@code issuance-group} and {@code issuance-case}: read ids, call the service,
 * set a variable.
 */
@Configuration(proxyBeanMethods = false)
class IssuanceDelegates {

    /** Timer start: the month whose cut-off passed, every bureau. Run now: the month and bureau given. */
    @Bean
    JavaDelegate openIssuanceBatches(IssuanceService issuance, IssuanceSettings settings, Clock clock) {
        return execution -> {
            Object month = execution.getVariable("issuanceMonth");
            YearMonth yearMonth = month != null ? YearMonth.parse(month.toString())
                    : settings.monthDue(LocalDate.now(clock.withZone(CertificateIssuer.CHINA)));
            Object bureau = execution.getVariable("bureauId");
            List<Long> opened = issuance.openBatches(yearMonth,
                    bureau == null ? null : ((Number) bureau).longValue(), execution.getProcessInstanceId());
            execution.setVariable("issuanceMonth", yearMonth.toString());
            execution.setVariable("batchIds", opened);
        };
    }

    @Bean
    JavaDelegate collectIssuanceCases(IssuanceService issuance) {
        return execution -> issuance.collect(id(execution.getVariable("batchId")));
    }

    /** Completing the bureau's check (product or Tasklist): the approval is checked and recorded, or refused. */
    @Bean
    TaskListener recordBatchApproval(IssuanceService issuance, IdentityService identity, UserAccountMapper accounts,
            ErrorMessages errors) {
        return task -> {
            String actor = ReviewTaskListeners.actor(task, identity);
            Long organisationId = accounts.findByUsername(actor).map(UserAccount::organisationId).orElse(null);
            ReviewTaskListeners.refuseAsBadRequest(errors, () -> issuance.approve(id(task.getVariable("batchId")),
                    task.getVariable("grantDate"), task.getVariable("grantAuthority"), task.getVariable("documentNumber"),
                    actor, organisationId));
        };
    }

    @Bean
    JavaDelegate dispatchGeneration(IssuanceService issuance) {
        return execution -> issuance.dispatch(id(execution.getVariable("batchId")));
    }

    @Bean
    JavaDelegate countGenerationProgress(IssuanceService issuance) {
        return execution -> execution.setVariableLocal("generationDone",
                issuance.generationDone(id(execution.getVariable("batchId"))));
    }

    @Bean
    JavaDelegate markBatchGenerated(IssuanceService issuance) {
        return execution -> issuance.markGenerated(id(execution.getVariable("batchId")));
    }

    @Bean
    JavaDelegate releaseBatch(IssuanceService issuance) {
        return execution -> issuance.release(id(execution.getVariable("batchId")));
    }

    /**
     * The job of an {@code issuance-group} instance: the group's cases, found by the instance's id. A job that failed
     * before carries its exception (a run after a crash does not): then the group hands its cases over.
     */
    @Bean
    JavaDelegate generateGroup(CertificateGeneration generation, ManagementService management) {
        return execution -> {
            Job job = management.createJobQuery().processInstanceId(execution.getProcessInstanceId()).singleResult();
            generation.generateGroup(execution.getProcessInstanceId(), job != null && job.getExceptionMessage() != null);
        };
    }

    @Bean
    JavaDelegate generateCertificate(CertificateGeneration generation, IssuanceService issuance) {
        // Transient: the gateway right after reads it in the same transaction; storing it cost four row writes per
        // case (runtime insert and delete, history instance and detail) for nothing a person or a restart needs.
        return execution -> execution.setVariable("generated",
                Variables.booleanValue(generation.generate(caseItem(execution, issuance)), true));
    }

    @Bean
    JavaDelegate requestPhoto(CertificateGeneration generation, IssuanceService issuance) {
        return execution -> generation.waitForPhoto(caseItem(execution, issuance));
    }

    private static IssuanceItem caseItem(DelegateExecution execution, IssuanceService issuance) {
        return issuance.itemOfCase(execution.getProcessBusinessKey());
    }

    private static long id(Object value) {
        return ((Number) value).longValue();
    }
}
