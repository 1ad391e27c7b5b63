package cn.titlecert.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricJobLog;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageTestExecutionListener;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestExecutionListeners;
import org.springframework.transaction.support.TransactionTemplate;

import cn.titlecert.MutableClock;
import cn.titlecert.TestIdNumbers;
import cn.titlecert.application.AcquisitionPath;
import cn.titlecert.application.Application;
import cn.titlecert.application.ApplicationMapper;
import cn.titlecert.application.ApplicationRequest;
import cn.titlecert.application.ApplicationService;
import cn.titlecert.application.ApplicationStatus;
import cn.titlecert.certificate.Certificate;
import cn.titlecert.certificate.CertificateMapper;
import cn.titlecert.certificate.CertificateService;
import cn.titlecert.certificate.PdfSignatureCheck;
import cn.titlecert.certificate.TitleLevel;
import cn.titlecert.demo.DemoPhoto;
import cn.titlecert.error.DomainException;
import cn.titlecert.issuance.BatchStatus;
import cn.titlecert.issuance.CertificateGeneration;
import cn.titlecert.issuance.IssuanceItem;
import cn.titlecert.issuance.IssuanceMapper;
import cn.titlecert.issuance.IssuanceOperations;
import cn.titlecert.issuance.IssuanceOperations.BatchView;
import cn.titlecert.issuance.IssuanceProcess;
import cn.titlecert.issuance.ItemStatus;
import cn.titlecert.notification.Notification;
import cn.titlecert.notification.NotificationMapper;
import cn.titlecert.organisation.Organisation;
import cn.titlecert.organisation.OrganisationService;
import cn.titlecert.organisation.OrganisationType;
import cn.titlecert.person.Photo;
import cn.titlecert.person.PhotoMapper;
import cn.titlecert.person.PhotoUploaded;
import cn.titlecert.persistence.GeneratedKey;
import cn.titlecert.security.AccountService;
import cn.titlecert.security.CurrentUser;
import cn.titlecert.security.IdentityAuthenticationProvider;
import cn.titlecert.security.OrganisationGroups;
import cn.titlecert.security.Role;

/**
 * The monthly cycle end to end with its real delegates, database and certificates: the bureau's check with an
 * exclusion, approval, generation in jobs, a case waiting for its photo, release day, and the timer start. Jobs
 * are run by the test (the job executor is off in tests), timers fire by running their jobs.
 */
@SpringBootTest(properties = {"titlecert.demo-applications=false", "titlecert.issuance.dispatch-chunk=1"})
@Import(ProcessEngineCoverageConfiguration.class)
@TestExecutionListeners(value = ProcessEngineCoverageTestExecutionListener.class,
        mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
class IssuanceProcessTest {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(LocalDate.of(2026, 10, 10).atTime(10, 0).atZone(CHINA).toInstant(), CHINA);
        }
    }

    @Autowired MutableClock clock;
    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtime;
    @Autowired TaskService taskService;
    @Autowired ManagementService management;
    @Autowired ApplicationService applications;
    @Autowired ApplicationMapper applicationRows;
    @Autowired IssuanceOperations operations;
    @Autowired IssuanceMapper batches;
    @Autowired CertificateGeneration generation;
    @Autowired CertificateMapper certificates;
    @Autowired CertificateService certificateService;
    @Autowired NotificationMapper outbox;
    @Autowired PhotoMapper photos;
    @Autowired OrganisationService organisations;
    @Autowired AccountService accounts;
    @Autowired IdentityAuthenticationProvider users;
    @Autowired ApplicationEventPublisher events;
    @Autowired TransactionTemplate transactions;
    @Autowired HistoryService history;

    /** A bureau of its own per test, so batches and counts are not shared with other tests' data. */
    record Bureau(Organisation bureau, Organisation employer, CurrentUser staff, CurrentUser employerStaff) {
    }

    @BeforeEach
    void init() {
        AbstractAssertions.init(engine);
        clock.setDate(LocalDate.of(2026, 10, 10));
    }

    private Bureau newBureau() {
        String suffix = Long.toString(System.nanoTime(), 36);
        Organisation bureau = organisations.create("T-HRSS-" + suffix, "测试人社局" + suffix, OrganisationType.BUREAU, null,
                "120000");
        Organisation employer = organisations.create("T-EMP-" + suffix, "测试用人单位" + suffix, OrganisationType.EMPLOYER,
                bureau.id(), "120000");
        accounts.create("b" + suffix, "发证机关" + suffix, "test-password", Set.of(Role.BUREAU), bureau.id(), null);
        accounts.create("e" + suffix, "人事处" + suffix, "test-password", Set.of(Role.EMPLOYER), employer.id(), null);
        accounts.setEmail("e" + suffix, "e" + suffix + "@demo.titlecert.invalid");
        return new Bureau(bureau, employer, users.load("b" + suffix), users.load("e" + suffix));
    }

    /** A self appointment submitted by the employer and approved through every tier the model asks for. */
    private Application approvedCase(Bureau b, String name) {
        Application a = applications.submit(b.employerStaff(), new ApplicationRequest(AcquisitionPath.SELF_APPOINTMENT,
                null, new ApplicationRequest.PersonData(name, null, null, null, TestIdNumbers.randomResidentId(),
                        TestIdNumbers.randomPhone()),
                new ApplicationRequest.TitleData("工程技术", "电子信息", "工程师", TitleLevel.INTERMEDIATE),
                LocalDate.of(2026, 9, 1), b.employer().id(), null, null, null));
        for (int step = 0; step < 6; step++) {
            List<Task> open = taskService.createTaskQuery().processInstanceBusinessKey(String.valueOf(a.id())).active().list();
            if (open.isEmpty()) {
                break;
            }
            taskService.complete(open.get(0).getId(), Map.of("decision", "APPROVE"));
        }
        Application approved = applicationRows.findById(a.id()).orElseThrow();
        assertThat(approved.status()).isEqualTo(ApplicationStatus.APPROVED);
        return approved;
    }

    private void givePhoto(long personId) {
        transactions.executeWithoutResult(tx -> {
            byte[] jpeg = DemoPhoto.jpeg();
            photos.retireCurrent(personId);
            GeneratedKey key = new GeneratedKey();
            photos.insert(new Photo(null, personId, "image/jpeg", jpeg.length, DemoPhoto.WIDTH, DemoPhoto.HEIGHT,
                    PdfSignatureCheck.sha256(jpeg), true, "test", Instant.now()), jpeg, key);
            events.publishEvent(new PhotoUploaded(personId, key.value()));
        });
    }

    private ProcessInstance batchInstance(YearMonth month, Bureau b) {
        String id = batches.findBatchByMonth(month.toString(), b.bureau().id()).orElseThrow().processInstanceId();
        return runtime.createProcessInstanceQuery().processInstanceId(id).singleResult();
    }

    /** Runs every job of the given instances that is due now or is a generation job (what the executor would do). */
    private int runJobs(String processDefinitionKey) {
        int ran = 0;
        for (int round = 0; round < 10; round++) {
            List<Job> jobs = management.createJobQuery().processDefinitionKey(processDefinitionKey).executable().list();
            jobs = jobs.stream().filter(j -> !isTimer(j)).toList();
            if (jobs.isEmpty()) {
                return ran;
            }
            for (Job job : jobs) {
                management.executeJob(job.getId());
                ran++;
            }
        }
        return ran;
    }

    private static boolean isTimer(Job job) {
        return job instanceof org.camunda.bpm.engine.impl.persistence.entity.TimerEntity;
    }

    private void fireTimer(ProcessInstance instance, String activityId) {
        Job timer = management.createJobQuery().processInstanceId(instance.getId()).activityId(activityId).timers()
                .singleResult();
        assertThat(timer).as("timer " + activityId).isNotNull();
        management.executeJob(timer.getId());
    }

    private List<Notification> outboxFor(String topic) {
        return outbox.findRecent(1000, topic);
    }

    @Test
    void theMonthlyCycleChecksGeneratesWaitsForPhotosAndReleasesOnThe15thOfTheNextMonth() {
        Bureau b = newBureau();
        Application withPhoto = approvedCase(b, "发证甲");
        Application noPhoto = approvedCase(b, "发证乙");
        Application excluded = approvedCase(b, "发证丙");
        givePhoto(withPhoto.personId());
        YearMonth october = YearMonth.of(2026, 10);
        assertThat(withPhoto.issuanceMonth()).isEqualTo("2026-10");
        BatchView collecting = operations.view(b.bureau().id(), october);
        assertThat(collecting.status()).isEqualTo(BatchStatus.COLLECTING);
        assertThat(collecting.total()).isEqualTo(3);

        clock.setDate(LocalDate.of(2026, 10, 16));
        BatchView checking = operations.runNow(b.bureau().id(), october);
        assertThat(checking.status()).isEqualTo(BatchStatus.CHECKING);
        assertThat(checking.total()).isEqualTo(3);
        assertThat(checking.releaseOn()).isEqualTo(LocalDate.of(2026, 11, 15));
        ProcessInstance cycle = batchInstance(october, b);
        assertThat(cycle).isWaitingAt(IssuanceProcess.CHECK_TASK);
        Task check = taskService.createTaskQuery().processInstanceId(cycle.getId()).singleResult();
        assertThat(check).hasCandidateGroup(OrganisationGroups.of(b.bureau().id()));
        assertThat(operations.runNow(b.bureau().id(), october).status()).as("a second run opens nothing new")
                .isEqualTo(BatchStatus.CHECKING);

        // The bureau sends one case back with a reason; it re-enters review at the submitter's revision step.
        assertThatThrownBy(() -> operations.exclude(b.staff(), october, excluded.id(), " "))
                .isInstanceOf(DomainException.class).hasMessage("issuance.reason-required");
        assertThatThrownBy(() -> operations.exclude(b.employerStaff(), october, excluded.id(), "照片不符"))
                .isInstanceOf(DomainException.class).hasMessage("issuance.bureau-only");
        operations.exclude(b.staff(), october, excluded.id(), "批准文件与申报信息不一致");
        Application returned = applicationRows.findById(excluded.id()).orElseThrow();
        assertThat(returned.status()).isEqualTo(ApplicationStatus.RETURNED);
        ProcessInstance review = runtime.createProcessInstanceQuery().processDefinitionKey("tiered-review")
                .processInstanceBusinessKey(String.valueOf(excluded.id())).singleResult();
        assertThat(review).isWaitingAt("Task_ReviseApplication");
        assertThat(taskService.createTaskQuery().processInstanceId(review.getId()).singleResult())
                .isAssignedTo(b.employerStaff().username());
        assertThat(outboxFor("CASE_RETURNED")).anySatisfy(n -> assertThat(n.body()).contains("批准文件与申报信息不一致"));
        assertThatThrownBy(() -> operations.exclude(b.staff(), october, excluded.id(), "再次剔除"))
                .isInstanceOf(DomainException.class).hasMessage("issuance.case-excluded");

        // Approval: refused without the document number, then given.
        assertThatThrownBy(() -> operations.approve(b.staff(), october, LocalDate.of(2026, 10, 16), "天津市人社局", " "))
                .hasMessage("issuance.document-number-required");
        assertThat(operations.view(b.bureau().id(), october).status()).isEqualTo(BatchStatus.CHECKING);
        BatchView generating = operations.approve(b.staff(), october, LocalDate.of(2026, 10, 16), "天津市人力资源和社会保障局",
                "津人社职〔2026〕101号");
        assertThat(generating.status()).isEqualTo(BatchStatus.GENERATING);
        assertThat(generating.total()).isEqualTo(2);
        assertThat(generating.excluded()).isEqualTo(1);

        runJobs("monthly-issuance");
        assertThat(cycle).isWaitingAt(IssuanceProcess.POLL_TIMER);
        assertThat(runJobs("issuance-group")).as("one group per case: dispatch-chunk=1").isEqualTo(2);
        Job poll = management.createJobQuery().processInstanceId(cycle.getId()).activityId(IssuanceProcess.POLL_TIMER)
                .singleResult();
        assertThat(poll.getDuedate()).as("not due before its interval").isAfter(Date.from(clock.instant()));
        assertThat(runJobs("issuance-case")).as("the case without a photo, handed over to wait on its own").isEqualTo(1);
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("issuance-group").count()).isZero();
        assertThat(management.createJobQuery().jobId(poll.getId()).singleResult().getDuedate())
                .as("nothing left to generate: the progress check is due at once").isBeforeOrEqualTo(Date.from(clock.instant()));
        fireTimer(cycle, IssuanceProcess.POLL_TIMER);
        assertThat(cycle).isWaitingAt(IssuanceProcess.RELEASE_TIMER);

        BatchView generated = operations.view(b.bureau().id(), october);
        assertThat(generated.status()).isEqualTo(BatchStatus.GENERATED);
        assertThat(generated.generated()).isEqualTo(1);
        assertThat(generated.waitingForPhoto()).isEqualTo(1);
        assertThat(generated.failed()).isZero();
        Certificate first = certificates.findByGenerationKey("application:" + withPhoto.id()).orElseThrow();
        assertThat(first.releaseOn()).isEqualTo(LocalDate.of(2026, 11, 15));
        assertThat(first.approvalDocNumber()).isEqualTo("津人社职〔2026〕101号");
        // The units printed are the case's own (read together in one query).
        Application issuedCase = applicationRows.findById(withPhoto.id()).orElseThrow();
        assertThat(first.declaringUnitName()).isEqualTo(b.employer().name());
        assertThat(first.reportingUnitName()).isEqualTo(Optional.ofNullable(issuedCase.reportingUnitId())
                .flatMap(organisations::find).map(Organisation::name).orElse(null));
        assertThat(first.reviewBodyName()).isNotNull().isEqualTo(issuedCase.reviewBodyName() != null
                ? issuedCase.reviewBodyName() : organisations.find(issuedCase.reviewBodyId()).orElseThrow().name());
        assertThat(certificateService.released(first)).as("pending until release day").isFalse();
        assertThat(applicationRows.findById(withPhoto.id()).orElseThrow().status()).isEqualTo(ApplicationStatus.ISSUED);

        // R9: the case without a photo waits, and its holder and employer were told.
        assertThat(batches.findItemByApplication(noPhoto.id()).orElseThrow().status()).isEqualTo(ItemStatus.WAITING_FOR_PHOTO);
        assertThat(certificates.findByGenerationKey("application:" + noPhoto.id())).isEmpty();
        List<Notification> photoNotices = outboxFor("PHOTO_MISSING");
        assertThat(photoNotices).anySatisfy(n -> assertThat(n.body()).contains("发证乙").contains("照片"));
        assertThat(photoNotices).anySatisfy(n -> assertThat(n.recipientMasked()).startsWith("e").endsWith("@demo.titlecert.invalid"));

        // The photo arrives: the waiting case goes on by itself.
        givePhoto(noPhoto.personId());
        assertThat(runJobs("issuance-case")).isEqualTo(1);
        assertThat(batches.findItemByApplication(noPhoto.id()).orElseThrow().status()).isEqualTo(ItemStatus.GENERATED);
        assertThat(operations.view(b.bureau().id(), october).waitingForPhoto()).isZero();

        // Release day.
        clock.setDate(LocalDate.of(2026, 11, 15));
        fireTimer(cycle, IssuanceProcess.RELEASE_TIMER);
        assertThat(cycle).isEnded();
        BatchView released = operations.view(b.bureau().id(), october);
        assertThat(released.status()).isEqualTo(BatchStatus.RELEASED);
        assertThat(released.generated()).isEqualTo(2);
        assertThat(certificateService.released(first)).isTrue();
        assertThat(outboxFor("CERTIFICATE_RELEASED")).filteredOn(n -> n.body().contains("发证甲") || n.body().contains("发证乙"))
                .hasSize(2);
        List<String> numbers = List.of(first.number(),
                certificates.findByGenerationKey("application:" + noPhoto.id()).orElseThrow().number());
        assertThat(Set.copyOf(numbers)).hasSize(2);
    }

    /** A one-case October batch with a photo, checked, approved and dispatched: its generation job waits to run. */
    private void oneCaseDispatched(Bureau b, Application a, YearMonth month, String documentNumber) {
        givePhoto(a.personId());
        clock.setDate(LocalDate.of(2026, 10, 16));
        operations.runNow(b.bureau().id(), month);
        operations.approve(b.staff(), month, LocalDate.of(2026, 10, 16), "天津市人力资源和社会保障局", documentNumber);
        runJobs("monthly-issuance");
    }

    @Test
    void generatingTheSameCaseAgainFindsTheFirstCertificate() {
        Bureau b = newBureau();
        Application a = approvedCase(b, "幂等甲");
        YearMonth october = YearMonth.of(2026, 10);
        oneCaseDispatched(b, a, october, "津人社职〔2026〕102号");
        long item = batches.findItemByApplication(a.id()).orElseThrow().id();
        assertThat(generation.generate(item)).isTrue();
        Certificate once = certificates.findByGenerationKey("application:" + a.id()).orElseThrow();
        assertThat(generation.generate(item)).isTrue();
        assertThat(runJobs("issuance-group")).isEqualTo(1);
        assertThat(runJobs("issuance-case")).as("nothing handed over").isZero();
        assertThat(certificates.findByGenerationKey("application:" + a.id()).orElseThrow().number()).isEqualTo(once.number());
        assertThat(certificates.findByPerson(a.personId())).hasSize(1);
    }

    @Test
    void aGenerationThatKeepsFailingBecomesAnIncidentAndSucceedsWhenRetriedAfterTheFix() {
        Bureau b = newBureau();
        Application a = approvedCase(b, "故障甲");
        YearMonth october = YearMonth.of(2026, 10);
        oneCaseDispatched(b, a, october, "津人社职〔2026〕103号");
        // Something outside the engine breaks every attempt: here the case no longer looks approved. The group's job
        // hands the case over to an instance of its own, whose job fails.
        applicationRows.updateProgress(a.id(), ApplicationStatus.SUBMITTED, null, "2026-10", Instant.now());
        String group = batches.findItemByApplication(a.id()).orElseThrow().processInstanceId();
        assertThat(runJobs("issuance-group")).isEqualTo(1);
        String instance = batches.findItemByApplication(a.id()).orElseThrow().processInstanceId();
        assertThat(instance).isNotEqualTo(group);
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance).singleResult().getProcessDefinitionId())
                .startsWith("issuance-case:");
        assertThat(certificates.findByGenerationKey("application:" + a.id())).isEmpty();
        for (int attempt = 0; attempt < 5; attempt++) {
            Job job = management.createJobQuery().processInstanceId(instance).singleResult();
            assertThatThrownBy(() -> management.executeJob(job.getId())).isInstanceOf(RuntimeException.class);
        }
        Job failed = management.createJobQuery().processInstanceId(instance).singleResult();
        assertThat(failed.getRetries()).isZero();
        assertThat(runtime.createIncidentQuery().processInstanceId(instance).count()).as("an incident in Cockpit").isEqualTo(1);
        assertThat(history.createHistoricIncidentQuery().processInstanceId(instance).count()).as("and in history")
                .isEqualTo(1);
        assertThat(operations.view(b.bureau().id(), october).failed()).isEqualTo(1);
        assertThat(operations.view(b.bureau().id(), october).status()).isEqualTo(BatchStatus.GENERATING);

        // The operator fixes the cause and retries the job (Cockpit: "retry"), and the case is generated.
        applicationRows.updateProgress(a.id(), ApplicationStatus.APPROVED, "MONTHLY_ISSUANCE", "2026-10", Instant.now());
        management.setJobRetries(failed.getId(), 1);
        management.executeJob(failed.getId());
        assertThat(operations.view(b.bureau().id(), october).failed()).isZero();
        assertThat(operations.view(b.bureau().id(), october).generated()).isEqualTo(1);
    }

    @Test
    void aCaseStartedWithTheFormerItemAndPersonVariablesStillWaitsForItsPhotoAndIsGenerated() {
        Bureau b = newBureau();
        Application a = approvedCase(b, "旧例甲");
        YearMonth october = YearMonth.of(2026, 10);
        clock.setDate(LocalDate.of(2026, 10, 16));
        operations.runNow(b.bureau().id(), october);
        operations.approve(b.staff(), october, LocalDate.of(2026, 10, 16), "天津市人力资源和社会保障局", "津人社职〔2026〕105号");
        // Dispatched as before: the item and the person as variables (a database upgraded mid-batch has these).
        IssuanceItem item = batches.findItemByApplication(a.id()).orElseThrow();
        String legacy = runtime.startProcessInstanceByKey("issuance-case", "application:" + a.id(),
                Map.of("itemId", item.id(), "personId", item.personId())).getId();
        assertThat(batches.setItemsProcess(List.of(item.id()), legacy)).isEqualTo(1);
        runJobs("monthly-issuance");
        runJobs("issuance-case");
        assertThat(batches.findItem(item.id()).orElseThrow().status()).isEqualTo(ItemStatus.WAITING_FOR_PHOTO);

        givePhoto(a.personId());
        assertThat(runJobs("issuance-case")).as("the photo woke the former instance").isEqualTo(1);
        assertThat(batches.findItem(item.id()).orElseThrow().status()).isEqualTo(ItemStatus.GENERATED);
        assertThat(certificates.findByPerson(a.personId())).hasSize(1);
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(legacy).count()).isZero();
    }

    @Test
    void aCaseKeepsItsInstanceJobOutcomesAndIncidentsInHistoryButNotItsFourSteps() {
        Bureau b = newBureau();
        Application a = approvedCase(b, "历史甲");
        YearMonth october = YearMonth.of(2026, 10);
        oneCaseDispatched(b, a, october, "津人社职〔2026〕104号");
        String group = batches.findItemByApplication(a.id()).orElseThrow().processInstanceId();
        applicationRows.updateProgress(a.id(), ApplicationStatus.SUBMITTED, null, "2026-10", Instant.now());
        assertThat(runJobs("issuance-group")).isEqualTo(1);
        String instance = batches.findItemByApplication(a.id()).orElseThrow().processInstanceId();
        Job job = management.createJobQuery().processInstanceId(instance).singleResult();
        assertThatThrownBy(() -> management.executeJob(job.getId())).isInstanceOf(RuntimeException.class);
        applicationRows.updateProgress(a.id(), ApplicationStatus.APPROVED, "MONTHLY_ISSUANCE", "2026-10", Instant.now());
        management.executeJob(job.getId());

        HistoricProcessInstance kept = history.createHistoricProcessInstanceQuery().processInstanceId(instance).singleResult();
        assertThat(kept.getBusinessKey()).isEqualTo("application:" + a.id());
        assertThat(kept.getEndTime()).as("the instance with its end").isNotNull();
        assertThat(kept.getRemovalTime()).as("removal time from the start: start + 3650 days")
                .isEqualTo(Date.from(kept.getStartTime().toInstant().plus(Duration.ofDays(3650))));
        assertThat(history.createHistoricJobLogQuery().processInstanceId(instance).failureLog().count()).isEqualTo(1);
        HistoricJobLog success = history.createHistoricJobLogQuery().processInstanceId(instance).successLog().singleResult();
        assertThat(success.getHostname()).as("which node generated it").isNotBlank();
        assertThat(success.getJobDefinitionConfiguration()).isEqualTo("async-before");
        assertThat(success.getRemovalTime()).as("cleaned up with its instance, not kept for ever")
                .isEqualTo(kept.getRemovalTime());
        assertThat(history.createHistoricJobLogQuery().processInstanceId(instance).failureLog().singleResult()
                .getRemovalTime()).isEqualTo(kept.getRemovalTime());
        assertThat(((org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                .getHistoryEventProducer()).as("no batch looked up for a continuation's log line")
                .isInstanceOf(IssuanceCaseHistory.StartRemovalTimeProducer.class);
        assertThat(new IssuanceCaseHistory.StartRemovalTimeProducer().getHistoricBatchById("async-after")).isNull();
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(instance).count()).isZero();
        assertThat(history.createHistoricJobLogQuery().processInstanceId(instance).creationLog().list())
                .extracting(l -> l.getTimestamp() + " " + l.getJobDefinitionType() + " " + l.getHostname()).isEmpty();
        // The group likewise: the instance with its end, its job's outcome, no steps, no creation log line.
        HistoricProcessInstance groupKept = history.createHistoricProcessInstanceQuery().processInstanceId(group)
                .singleResult();
        assertThat(groupKept.getBusinessKey()).startsWith("issuance-group:");
        assertThat(groupKept.getEndTime()).isNotNull();
        assertThat(groupKept.getRemovalTime()).isEqualTo(Date.from(groupKept.getStartTime().toInstant()
                .plus(Duration.ofDays(3650))));
        assertThat(history.createHistoricJobLogQuery().processInstanceId(group).successLog().singleResult()
                .getRemovalTime()).isEqualTo(groupKept.getRemovalTime());
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(group).count()).isZero();
        assertThat(history.createHistoricJobLogQuery().processInstanceId(group).creationLog().count()).isZero();
        // Every other process keeps its full history: the batch's own steps are there.
        String batchInstance = batches.findBatchByMonth(october.toString(), b.bureau().id()).orElseThrow().processInstanceId();
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(batchInstance).activityId("Task_CheckBatch")
                .count()).isEqualTo(1);
    }

    @Test
    void theTimerOpensTheDueMonthsBatchForEveryBureauWithApprovedCases() {
        clock.setDate(LocalDate.of(2026, 9, 10));
        Bureau b = newBureau();
        approvedCase(b, "定时甲");
        clock.setDate(LocalDate.of(2026, 9, 16));
        Job timerStart = management.createJobQuery().processDefinitionKey("monthly-issuance").timers().list().stream()
                .filter(j -> j.getProcessInstanceId() == null).findFirst().orElseThrow();
        management.executeJob(timerStart.getId());
        BatchView september = operations.view(b.bureau().id(), YearMonth.of(2026, 9));
        assertThat(september.status()).isEqualTo(BatchStatus.CHECKING);
        assertThat(september.total()).isEqualTo(1);
        assertThat(management.createJobQuery().processDefinitionKey("monthly-issuance").timers().list())
                .as("the cycle's next start is scheduled").anyMatch(j -> j.getProcessInstanceId() == null);
    }

    @Test
    void aMonthStillToComeCannotBeRunAndOnlyBureauStaffRunIt() {
        Bureau b = newBureau();
        assertThatThrownBy(() -> operations.runNow(b.bureau().id(), YearMonth.of(2026, 12)))
                .hasMessage("issuance.month-future");
        assertThatThrownBy(() -> operations.bureauOf(b.employerStaff())).hasMessage("issuance.bureau-only");
        assertThatThrownBy(() -> IssuanceOperations.parseMonth("2026-13")).hasMessage("issuance.month-invalid");
        assertThatThrownBy(() -> IssuanceOperations.parseMonth("202611")).hasMessage("issuance.month-invalid");
    }
}
