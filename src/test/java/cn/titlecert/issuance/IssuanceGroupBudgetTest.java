package cn.titlecert.issuance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.YearMonth;
import java.util.List;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import cn.titlecert.certificate.CertificateIssuer;
import cn.titlecert.certificate.CertificateMapper;

/**
 * A group's job starts no certificate once its time budget is spent (a third of the job's lock by default): the
 * cases it has not reached go on as cases of their own, so the job ends before its lock and never runs twice at once.
 * Here the budget is nil: every case is handed over.
 */
@SpringBootTest(properties = {"titlecert.demo-applications=false", "titlecert.issuance.group-time-budget=PT0S"})
class IssuanceGroupBudgetTest {

    @Autowired IssuanceFixtures fixtures;
    @Autowired IssuanceMapper batches;
    @Autowired IssuanceService issuance;
    @Autowired IssuanceSettings settings;
    @Autowired CertificateMapper certificates;
    @Autowired RuntimeService runtime;
    @Autowired ManagementService management;
    @Autowired Clock clock;

    @Test
    void casesNotReachedWithinTheBudgetGoOnAsCasesOfTheirOwn() {
        IssuanceFixtures.Bureau b = fixtures.newBureau();
        YearMonth month = YearMonth.now(clock.withZone(CertificateIssuer.CHINA)).minusMonths(1);
        List<Long> cases = fixtures.approvedCases(b, month, 3, true);
        long batchId = fixtures.approvedBatch(b, month, "津人社职〔2026〕96号");
        assertThat(issuance.dispatch(batchId)).isEqualTo(3);
        String group = batches.findItemByApplication(cases.get(0)).orElseThrow().processInstanceId();

        management.executeJob(management.createJobQuery().processInstanceId(group).singleResult().getId());

        assertThat(runtime.createProcessInstanceQuery().processInstanceId(group).count()).isZero();
        for (long a : cases) {
            IssuanceItem item = batches.findItemByApplication(a).orElseThrow();
            assertThat(item.status()).isEqualTo(ItemStatus.PENDING);
            assertThat(item.processInstanceId()).isNotEqualTo(group);
            assertThat(certificates.findByGenerationKey("application:" + a)).isEmpty();
            management.executeJob(management.createJobQuery().processInstanceId(item.processInstanceId()).singleResult()
                    .getId());
            assertThat(batches.findItem(item.id()).orElseThrow().status()).isEqualTo(ItemStatus.GENERATED);
        }
    }

    @Test
    void theDefaultBudgetIsAThirdOfTheJobLockAndABudgetAsLongAsTheLockIsRefused() {
        IssuanceSettings defaults = new IssuanceSettings("0 0 1 16 * ?", "PT30S", "R5/PT1M", 15, 1000, 20, "", 60_000,
                null, null);
        assertThat(defaults.groupTimeBudget()).hasSeconds(20);
        assertThatThrownBy(() -> new IssuanceSettings("0 0 1 16 * ?", "PT30S", "R5/PT1M", 15, 1000, 20, "PT60S", 60_000,
                null, null)).hasMessageContaining("group-time-budget");
        assertThat(settings.groupTimeBudget()).isZero();
    }
}
