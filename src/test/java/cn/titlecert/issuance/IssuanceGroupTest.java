package cn.titlecert.issuance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import cn.titlecert.application.ApplicationMapper;
import cn.titlecert.application.ApplicationStatus;
import cn.titlecert.certificate.Certificate;
import cn.titlecert.certificate.CertificateIssuer;
import cn.titlecert.certificate.CertificateMapper;

/**
 * A generation group's job: the cases it can finish are generated, each on its own; the one without a photo and the
 * one whose generation fails go on as cases of their own, and hold nobody up.
 */
@SpringBootTest(properties = {"titlecert.demo-applications=false", "titlecert.issuance.group-size=4"})
class IssuanceGroupTest {

    @Autowired IssuanceFixtures fixtures;
    @Autowired IssuanceMapper batches;
    @Autowired IssuanceService issuance;
    @Autowired CertificateGeneration generation;
    @Autowired ApplicationMapper applications;
    @Autowired CertificateMapper certificates;
    @Autowired RuntimeService runtime;
    @Autowired RepositoryService repository;
    @Autowired ManagementService management;
    @Autowired Clock clock;

    private IssuanceItem item(long applicationId) {
        return batches.findItemByApplication(applicationId).orElseThrow();
    }

    private Job jobOf(String processInstanceId) {
        return management.createJobQuery().processInstanceId(processInstanceId).singleResult();
    }

    private String definitionKeyOf(String processInstanceId) {
        String definitionId = runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).singleResult()
                .getProcessDefinitionId();
        return definitionId.substring(0, definitionId.indexOf(':'));
    }

    @Test
    void aGroupsJobGeneratesWhatItCanAndHandsOverTheCaseWithoutAPhotoAndTheFailingOne() {
        IssuanceFixtures.Bureau b = fixtures.newBureau();
        YearMonth month = YearMonth.now(clock.withZone(CertificateIssuer.CHINA)).minusMonths(1);
        List<Long> cases = new ArrayList<>(fixtures.approvedCases(b, month, 3, true));
        long noPhoto = fixtures.approvedCases(b, month, 1, false).get(0);
        long nextGroup = fixtures.approvedCases(b, month, 1, true).get(0);
        long batchId = fixtures.approvedBatch(b, month, "津人社职〔2026〕98号");
        Instant now = clock.instant();

        // Five cases, groups of four: two instances of issuance-group, one job each.
        assertThat(issuance.dispatch(batchId)).isEqualTo(5);
        String group = item(cases.get(0)).processInstanceId();
        assertThat(List.of(cases.get(1), cases.get(2), noPhoto)).allSatisfy(a ->
                assertThat(item(a).processInstanceId()).isEqualTo(group));
        String second = item(nextGroup).processInstanceId();
        assertThat(second).isNotEqualTo(group);
        assertThat(definitionKeyOf(group)).isEqualTo(IssuanceService.GROUP_PROCESS);
        assertThat(issuance.dispatch(batchId)).as("nothing left to dispatch").isZero();

        // One case breaks (no longer approved); one has its certificate already but its item is still pending, as the
        // version that committed the two separately could leave it when a node died between them.
        long failing = cases.get(1);
        long generatedBefore = cases.get(2);
        applications.updateProgress(failing, ApplicationStatus.SUBMITTED, null, month.toString(), now);
        assertThat(generation.generate(item(generatedBefore).id())).isTrue();
        batches.updateItem(item(generatedBefore).id(), ItemStatus.PENDING, null, now);
        String numberBefore = certificates.findByGenerationKey("application:" + generatedBefore).orElseThrow().number();

        management.executeJob(jobOf(group).getId());

        assertThat(runtime.createProcessInstanceQuery().processInstanceId(group).count()).as("the group ended").isZero();
        assertThat(item(cases.get(0)).status()).isEqualTo(ItemStatus.GENERATED);
        assertThat(applications.findById(cases.get(0)).orElseThrow().status()).isEqualTo(ApplicationStatus.ISSUED);
        assertThat(certificates.findByGenerationKey("application:" + generatedBefore).orElseThrow().number())
                .as("not generated twice").isEqualTo(numberBefore);
        assertThat(item(generatedBefore).status()).isEqualTo(ItemStatus.GENERATED);

        // The failing case: an issuance-case instance of its own, its job waiting to be retried; no certificate.
        IssuanceItem failed = item(failing);
        assertThat(failed.status()).isEqualTo(ItemStatus.PENDING);
        assertThat(failed.processInstanceId()).isNotEqualTo(group);
        assertThat(definitionKeyOf(failed.processInstanceId())).isEqualTo(IssuanceService.CASE_PROCESS);
        assertThat(certificates.findByGenerationKey("application:" + failing)).isEmpty();
        Job retry = jobOf(failed.processInstanceId());
        assertThatThrownBy(() -> management.executeJob(retry.getId())).isInstanceOf(RuntimeException.class);
        assertThat(jobOf(failed.processInstanceId()).getRetries()).as("R5/PT1M: four more tries").isEqualTo(4);
        assertThat(jobOf(failed.processInstanceId()).getExceptionMessage()).contains("application " + failing);

        // The case without a photo: its own instance, whose job finds no photo and waits for it.
        IssuanceItem waiting = item(noPhoto);
        assertThat(definitionKeyOf(waiting.processInstanceId())).isEqualTo(IssuanceService.CASE_PROCESS);
        management.executeJob(jobOf(waiting.processInstanceId()).getId());
        assertThat(item(noPhoto).status()).isEqualTo(ItemStatus.WAITING_FOR_PHOTO);

        // The other group was not held up by any of it.
        management.executeJob(jobOf(second).getId());
        assertThat(item(nextGroup).status()).isEqualTo(ItemStatus.GENERATED);
        assertThat(issuance.counts(batchId)).containsEntry(ItemStatus.GENERATED, 3L)
                .containsEntry(ItemStatus.WAITING_FOR_PHOTO, 1L).containsEntry(ItemStatus.PENDING, 1L);
        Set<String> numbers = List.of(cases.get(0), generatedBefore, nextGroup).stream()
                .map(a -> certificates.findByGenerationKey("application:" + a).orElseThrow())
                .map(Certificate::number).collect(Collectors.toSet());
        assertThat(numbers).hasSize(3);

        // Fixed, the failing case's own job generates it.
        applications.updateProgress(failing, ApplicationStatus.APPROVED, "MONTHLY_ISSUANCE", month.toString(), now);
        management.executeJob(jobOf(failed.processInstanceId()).getId());
        assertThat(item(failing).status()).isEqualTo(ItemStatus.GENERATED);
        assertThat(issuance.generationDone(batchId)).isTrue();
    }

    @Test
    void aGroupWhoseJobFailedBeforeHandsItsCasesOverWithoutTryingThem() {
        IssuanceFixtures.Bureau b = fixtures.newBureau();
        YearMonth month = YearMonth.now(clock.withZone(CertificateIssuer.CHINA)).minusMonths(1);
        long first = fixtures.approvedCases(b, month, 1, true).get(0);
        long noPhoto = fixtures.approvedCases(b, month, 1, false).get(0);
        long third = fixtures.approvedCases(b, month, 1, true).get(0);
        long batchId = fixtures.approvedBatch(b, month, "津人社职〔2026〕97号");
        Instant now = clock.instant();
        assertThat(issuance.dispatch(batchId)).isEqualTo(3);
        String group = item(first).processInstanceId();

        // The first run: the third case breaks, and handing the two others over fails as a whole (their process is
        // suspended), so the job fails after the first case's certificate was committed.
        applications.updateProgress(third, ApplicationStatus.SUBMITTED, null, month.toString(), now);
        repository.suspendProcessDefinitionByKey(IssuanceService.CASE_PROCESS);
        try {
            Job job = jobOf(group);
            assertThatThrownBy(() -> management.executeJob(job.getId())).isInstanceOf(RuntimeException.class);
        } finally {
            repository.activateProcessDefinitionByKey(IssuanceService.CASE_PROCESS);
        }
        assertThat(item(first).status()).isEqualTo(ItemStatus.GENERATED);
        assertThat(item(noPhoto).processInstanceId()).as("the hand-over was undone with the job").isEqualTo(group);
        assertThat(jobOf(group).getExceptionMessage()).isNotNull();

        // Mended, the retry does not try the third case in the group again: it goes on as a case of its own.
        applications.updateProgress(third, ApplicationStatus.APPROVED, "MONTHLY_ISSUANCE", month.toString(), now);
        management.executeJob(jobOf(group).getId());
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(group).count()).isZero();
        assertThat(List.of(noPhoto, third)).allSatisfy(a -> {
            assertThat(item(a).status()).isEqualTo(ItemStatus.PENDING);
            assertThat(definitionKeyOf(item(a).processInstanceId())).isEqualTo(IssuanceService.CASE_PROCESS);
        });
        assertThat(certificates.findByGenerationKey("application:" + third)).as("not tried by the group").isEmpty();
        management.executeJob(jobOf(item(third).processInstanceId()).getId());
        assertThat(item(third).status()).isEqualTo(ItemStatus.GENERATED);
        management.executeJob(jobOf(item(noPhoto).processInstanceId()).getId());
        assertThat(item(noPhoto).status()).isEqualTo(ItemStatus.WAITING_FOR_PHOTO);
        assertThat(issuance.generationDone(batchId)).isTrue();
    }
}
