package cn.titlecert.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestExecutionListeners;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageTestExecutionListener;
import org.springframework.context.annotation.Primary;

import cn.titlecert.MutableClock;
import cn.titlecert.TestIdNumbers;
import cn.titlecert.application.AcquisitionPath;
import cn.titlecert.application.Application;
import cn.titlecert.application.ApplicationMapper;
import cn.titlecert.application.ApplicationQueries;
import cn.titlecert.application.ApplicationRequest;
import cn.titlecert.application.ApplicationRevision;
import cn.titlecert.application.ApplicationService;
import cn.titlecert.application.ApplicationStatus;
import cn.titlecert.application.ApplicationView;
import cn.titlecert.application.Decision;
import cn.titlecert.certificate.TitleLevel;
import cn.titlecert.error.DomainException;
import cn.titlecert.organisation.OrganisationService;
import cn.titlecert.review.ReviewTaskService;
import cn.titlecert.security.CurrentUser;
import cn.titlecert.security.IdentityAuthenticationProvider;
import cn.titlecert.security.OrganisationGroups;

/**
 * Every path and branch of the acquisition processes, with their real delegates and database:
 * approve through all tiers, return and resubmit, reject, late committee uploads, and the cut-off.
 */
@SpringBootTest(properties = "titlecert.demo-applications=false")
@Import(ProcessEngineCoverageConfiguration.class)
@TestExecutionListeners(value = ProcessEngineCoverageTestExecutionListener.class,
        mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
class AcquisitionProcessTest {

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(LocalDate.of(2026, 10, 14).atTime(10, 0).atZone(ZoneId.of("Asia/Shanghai"))
                    .toInstant(), ZoneId.of("Asia/Shanghai"));
        }
    }

    @Autowired MutableClock clock;
    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtime;
    @Autowired TaskService taskService;
    @Autowired HistoryService history;
    @Autowired ApplicationService applications;
    @Autowired ApplicationRevision revision;
    @Autowired ApplicationQueries queries;
    @Autowired ApplicationMapper mapper;
    @Autowired ReviewTaskService tasks;
    @Autowired IdentityAuthenticationProvider users;
    @Autowired OrganisationService organisations;
    @Autowired ProcessResourceDeployer deployer;

    @BeforeEach
    void init() {
        AbstractAssertions.init(engine);
        clock.setDate(LocalDate.of(2026, 10, 14));
    }

    private CurrentUser user(String name) {
        return users.load(name);
    }

    private long org(String code) {
        return organisations.findByCode(code).orElseThrow().id();
    }

    private static ApplicationRequest.TitleData title(String name, TitleLevel level) {
        return new ApplicationRequest.TitleData("工程技术", "电子信息", name, level);
    }

    /** A fresh person for staff submissions (the demo holder can only hold one application per title). */
    private static ApplicationRequest.PersonData newPerson(String name) {
        return new ApplicationRequest.PersonData(name, null, null, null, TestIdNumbers.randomResidentId(),
                TestIdNumbers.randomPhone());
    }

    private ProcessInstance reviewInstance(Application a) {
        return runtime.createProcessInstanceQuery().processDefinitionKey("tiered-review")
                .processInstanceBusinessKey(String.valueOf(a.id())).singleResult();
    }

    private Task openTask(Application a) {
        List<Task> open = taskService.createTaskQuery().processInstanceBusinessKey(String.valueOf(a.id())).active().list();
        assertThat(open).hasSize(1);
        return open.get(0);
    }

    private Application reload(Application a) {
        return mapper.findById(a.id()).orElseThrow();
    }

    private void decide(String username, Application a, Decision decision, String reason) {
        Task task = openTask(a);
        tasks.complete(user(username), task.getId(), new ReviewTaskService.Completion(decision.name(), reason, null));
    }

    @Test
    void selfAppointmentGoesThroughEmployerAndSupervisorAndJoinsThisMonthsIssuance() {
        Application a = applications.submit(user("employer"), new ApplicationRequest(AcquisitionPath.SELF_APPOINTMENT,
                null, newPerson("聘任甲"), title("工程师", TitleLevel.INTERMEDIATE), LocalDate.of(2026, 9, 1),
                org("TJ-EMP-BHDZ"), null, null, null));
        ProcessInstance parent = runtime.createProcessInstanceQuery().processInstanceId(a.processInstanceId()).singleResult();
        assertThat(parent).isStarted().isWaitingAt("CallActivity_TieredReview");
        ProcessInstance review = reviewInstance(a);
        assertThat(review).isWaitingAt("Task_ReviewByEmployer");
        assertThat(openTask(a)).hasCandidateGroup(OrganisationGroups.of(org("TJ-EMP-BHDZ")));
        assertThat(reload(a).status()).isEqualTo(ApplicationStatus.IN_REVIEW);

        decide("employer", a, Decision.APPROVE, null);
        assertThat(review).isWaitingAt("Task_ReviewBySupervisor");
        assertThat(openTask(a)).hasCandidateGroup(OrganisationGroups.of(org("TJ-GXJ")));

        decide("supervisor", a, Decision.APPROVE, "材料齐全");
        assertThat(review).isEnded().hasPassed("EndEvent_Approved");
        assertThat(parent).isEnded().hasPassed("EndEvent_Approved");
        Application approved = reload(a);
        assertThat(approved.status()).isEqualTo(ApplicationStatus.APPROVED);
        assertThat(approved.issuanceMonth()).isEqualTo("2026-10");
        ApplicationView view = queries.view(approved);
        assertThat(view.waitingFor().step()).isEqualTo("MONTHLY_ISSUANCE");
        assertThat(view.decisions()).extracting(ApplicationView.DecisionView::decision)
                .containsExactly(Decision.APPROVE, Decision.APPROVE);
        assertThat(view.decisions()).extracting(ApplicationView.DecisionView::decidedBy)
                .containsExactly("employer", "supervisor");
    }

    @Test
    void clearingTheTiersAfterThe15thJoinsNextMonthsIssuance() {
        clock.setDate(LocalDate.of(2026, 11, 10));
        Application a = applications.submit(user("employer"), new ApplicationRequest(AcquisitionPath.COMMISSIONED_REVIEW,
                null, newPerson("委托乙"), title("高级工程师", TitleLevel.DEPUTY_SENIOR), LocalDate.of(2026, 11, 1),
                org("TJ-EMP-BHDZ"), null, "工业和信息化部电子信息高级评委会", null));
        decide("employer", a, Decision.APPROVE, null);
        clock.setDate(LocalDate.of(2026, 11, 16));
        decide("supervisor", a, Decision.APPROVE, null);
        assertThat(reload(a).issuanceMonth()).isEqualTo("2026-12");
    }

    @Test
    void aReturnedCaseGoesBackToTheApplicantWithTheReasonAndComesBackAfterRevision() {
        Application a = applications.submit(user("holder"), new ApplicationRequest(AcquisitionPath.SELF_APPOINTMENT, null,
                null, title("测试职称" + System.nanoTime(), TitleLevel.INTERMEDIATE), LocalDate.of(2026, 9, 1),
                null, null, null, null));
        decide("employer", a, Decision.RETURN, "聘任文件缺少盖章页");
        assertThat(reviewInstance(a)).isWaitingAt("Task_ReviseApplication");
        assertThat(openTask(a)).isAssignedTo("holder");
        ApplicationView returned = queries.view(reload(a));
        assertThat(returned.status()).isEqualTo(ApplicationStatus.RETURNED);
        assertThat(returned.decisions().get(0).reason()).isEqualTo("聘任文件缺少盖章页");
        assertThat(returned.waitingFor().step()).isEqualTo("Task_ReviseApplication");

        // Only the applicant resubmits; the employer cannot finish the revise step for them.
        assertThatThrownBy(() -> revision.resubmit(user("employer"), a.id(), null)).isInstanceOf(DomainException.class);
        revision.resubmit(user("holder"), a.id(), new ApplicationRequest(null, null, null,
                title(a.titleName(), TitleLevel.INTERMEDIATE), LocalDate.of(2026, 9, 2), null, null, null, null));
        assertThat(reviewInstance(a)).isWaitingAt("Task_ReviewByEmployer");
        Application resubmitted = reload(a);
        assertThat(resubmitted.status()).isEqualTo(ApplicationStatus.IN_REVIEW);
        assertThat(resubmitted.obtainedOn()).isEqualTo(LocalDate.of(2026, 9, 2));

        decide("employer", a, Decision.APPROVE, null);
        decide("supervisor", a, Decision.REJECT, "不符合自主聘任条件");
        Application rejected = reload(a);
        assertThat(rejected.status()).isEqualTo(ApplicationStatus.REJECTED);
        assertThat(rejected.duplicateGuard()).as("a rejected case no longer blocks a new one").isNull();
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(a.processInstanceId()).count()).isZero();
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(a.processInstanceId())
                .activityId("EndEvent_Rejected").count()).isEqualTo(1);
        assertThat(queries.view(rejected).decisions()).extracting(ApplicationView.DecisionView::decision)
                .containsExactly(Decision.RETURN, Decision.APPROVE, Decision.REJECT);

        // The same title may now be applied for again.
        Application again = applications.submit(user("holder"), new ApplicationRequest(AcquisitionPath.SELF_APPOINTMENT,
                null, null, title(a.titleName(), TitleLevel.INTERMEDIATE), LocalDate.of(2026, 9, 2), null, null, null,
                null));
        assertThat(again.id()).isNotEqualTo(a.id());
    }

    @Test
    void duplicatesOfAnActiveApplicationAreRefused() {
        ApplicationRequest request = new ApplicationRequest(AcquisitionPath.SELF_APPOINTMENT, null, null,
                title("重复测试" + System.nanoTime(), TitleLevel.ASSISTANT), LocalDate.of(2026, 9, 1), null, null, null,
                null);
        applications.submit(user("holder"), request);
        assertThatThrownBy(() -> applications.submit(user("holder"), request)).isInstanceOf(DomainException.class)
                .extracting(e -> ((DomainException) e).code()).isEqualTo("application.duplicate");
    }

    @Test
    void examInLieuIsVerifiedByTheExamAgency() {
        Application a = applications.submit(user("exam"), new ApplicationRequest(AcquisitionPath.EXAM_IN_LIEU, null,
                newPerson("考试丙"), new ApplicationRequest.TitleData("经济", "人力资源管理", "经济师", TitleLevel.INTERMEDIATE),
                LocalDate.of(2026, 9, 20), org("TJ-EMP-HBJX"), null, null, null));
        assertThat(reviewInstance(a)).isWaitingAt("Task_VerifyByExamAgency");
        assertThat(openTask(a)).hasCandidateGroup(OrganisationGroups.of(org("TJ-KSZX")));
        decide("exam", a, Decision.APPROVE, null);
        assertThat(reload(a).status()).isEqualTo(ApplicationStatus.APPROVED);
    }

    @Test
    void aCommitteeUploadWithinFiveWorkingDaysGoesStraightToIssuance() {
        // Filed Wednesday 30 September 2026; the National Day week does not count: deadline Tuesday 13 October.
        clock.setDate(LocalDate.of(2026, 10, 13));
        Application a = applications.submit(user("committee"), new ApplicationRequest(AcquisitionPath.SOCIAL_REVIEW,
                null, newPerson("评审丁"), title("高级工程师", TitleLevel.DEPUTY_SENIOR), LocalDate.of(2026, 9, 28),
                org("TJ-EMP-BHDZ"), org("TJ-CMT-DZXX"), null, LocalDate.of(2026, 9, 30)));
        Application stored = reload(a);
        assertThat(stored.uploadDeadline()).isEqualTo(LocalDate.of(2026, 10, 13));
        assertThat(stored.uploadedLate()).isFalse();
        assertThat(stored.status()).isEqualTo(ApplicationStatus.APPROVED);
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(a.processInstanceId())
                .activityId("Event_UploadLate").count()).isZero();
    }

    @Test
    void aLateCommitteeUploadIsFlaggedAndEscalatedToTheBureauWithoutHoldingTheCaseUp() {
        clock.setDate(LocalDate.of(2026, 10, 14));
        Application a = applications.submit(user("committee"), new ApplicationRequest(AcquisitionPath.SELF_REVIEW,
                null, newPerson("自评戊"), title("高级工程师", TitleLevel.DEPUTY_SENIOR), LocalDate.of(2026, 9, 28),
                org("TJ-EMP-BHDZ"), org("TJ-CMT-DZXX"), null, LocalDate.of(2026, 9, 30)));
        Application stored = reload(a);
        assertThat(stored.uploadedLate()).isTrue();
        assertThat(stored.status()).isEqualTo(ApplicationStatus.APPROVED);
        ProcessInstance parent = runtime.createProcessInstanceQuery().processInstanceId(a.processInstanceId()).singleResult();
        assertThat(parent).isWaitingAt("Task_AcknowledgeLateUpload");
        Task check = openTask(a);
        assertThat(check).hasCandidateGroup(OrganisationGroups.of(org("TJ-HRSS")));
        assertThat(tasks.myTasks(user("bureau"), null, null, null, 0, 50)).extracting(ReviewTaskService.TaskView::id)
                .contains(check.getId());
        assertThatThrownBy(() -> tasks.complete(user("bureau"), check.getId(), new ReviewTaskService.Completion(null, null, " ")))
                .isInstanceOf(DomainException.class);
        tasks.complete(user("bureau"), check.getId(), new ReviewTaskService.Completion(null, null, "已约谈评委会组建单位"));
        assertThat(parent).isEnded();
        assertThat(mapper.findVisible("/", null, AcquisitionPath.SELF_REVIEW, true, 100, 0)).extracting(Application::id)
                .contains(a.id());
    }

    @Test
    void staffOnlySeeAndDoTheirOwnOrganisationsSteps() {
        Application a = applications.submit(user("employer"), new ApplicationRequest(AcquisitionPath.SELF_APPOINTMENT,
                null, newPerson("范围己"), title("助理工程师", TitleLevel.ASSISTANT), LocalDate.of(2026, 9, 1),
                org("TJ-EMP-BHDZ"), null, null, null));
        Task task = openTask(a);
        assertThat(tasks.myTasks(user("employer"), null, null, null, 0, 200)).extracting(ReviewTaskService.TaskView::id)
                .contains(task.getId());
        assertThat(tasks.myTasks(user("supervisor"), null, null, null, 0, 200)).extracting(ReviewTaskService.TaskView::id)
                .doesNotContain(task.getId());
        assertThatThrownBy(() -> tasks.complete(user("supervisor"), task.getId(),
                new ReviewTaskService.Completion("APPROVE", null, null))).isInstanceOf(DomainException.class)
                .extracting(e -> ((DomainException) e).code()).isEqualTo("task.not-found");
        assertThatThrownBy(() -> tasks.complete(user("holder"), task.getId(),
                new ReviewTaskService.Completion("APPROVE", null, null))).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> tasks.complete(user("employer"), task.getId(),
                new ReviewTaskService.Completion("REJECT", " ", null))).isInstanceOf(DomainException.class)
                .extracting(e -> ((DomainException) e).code()).isEqualTo("decision.reason-required");
        assertThatThrownBy(() -> tasks.complete(user("employer"), task.getId(),
                new ReviewTaskService.Completion("MAYBE", "x", null))).isInstanceOf(DomainException.class)
                .extracting(e -> ((DomainException) e).code()).isEqualTo("decision.required");
        assertThat(reviewInstance(a)).isWaitingAt("Task_ReviewByEmployer");
        assertThat(mapper.findDecisions(a.id())).isEmpty();
    }

    @Test
    void everyTierCanRejectAndReturn() {
        Application commissioned = applications.submit(user("employer"), new ApplicationRequest(
                AcquisitionPath.COMMISSIONED_REVIEW, null, newPerson("拒绝甲"), title("工程师", TitleLevel.INTERMEDIATE),
                LocalDate.of(2026, 9, 1), org("TJ-EMP-BHDZ"), null, "外省评委会", null));
        decide("employer", commissioned, Decision.REJECT, "委托手续不全");
        assertThat(reload(commissioned).status()).isEqualTo(ApplicationStatus.REJECTED);
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(commissioned.processInstanceId())
                .activityId("EndEvent_Rejected").count()).isEqualTo(1);

        Application exam = applications.submit(user("exam"), new ApplicationRequest(AcquisitionPath.EXAM_IN_LIEU, null,
                newPerson("拒绝乙"), title("助理工程师", TitleLevel.ASSISTANT), LocalDate.of(2026, 9, 1),
                org("TJ-EMP-HBJX"), null, null, null));
        decide("exam", exam, Decision.RETURN, "成绩单与名单不符");
        assertThat(reload(exam).status()).isEqualTo(ApplicationStatus.RETURNED);
        revision.resubmit(user("exam"), exam.id(), null);
        decide("exam", exam, Decision.REJECT, "成绩不合格");
        assertThat(reload(exam).status()).isEqualTo(ApplicationStatus.REJECTED);
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(exam.processInstanceId())
                .activityId("EndEvent_Rejected").count()).isEqualTo(1);

        Application appointed = applications.submit(user("employer"), new ApplicationRequest(
                AcquisitionPath.SELF_APPOINTMENT, null, newPerson("退回丙"), title("工程师", TitleLevel.INTERMEDIATE),
                LocalDate.of(2026, 9, 1), org("TJ-EMP-BHDZ"), null, null, null));
        decide("employer", appointed, Decision.APPROVE, null);
        decide("supervisor", appointed, Decision.RETURN, "请补充业绩材料");
        assertThat(reviewInstance(appointed)).isWaitingAt("Task_ReviseApplication");
        assertThat(openTask(appointed)).isAssignedTo("employer");
    }

    @Test
    void administratorsChangeTheTiersInTheDmnTableWithoutCode() throws Exception {
        String original;
        try (var in = getClass().getClassLoader().getResourceAsStream("bpmn/review-tiers.dmn")) {
            original = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        // The bureau now checks committee results case by case (rule 6, last output).
        String changed = original.replace("<outputEntry id=\"Rule_6_bureau\"><text>false</text>",
                "<outputEntry id=\"Rule_6_bureau\"><text>true</text>");
        assertThat(changed).isNotEqualTo(original);
        try {
            deployer.deploy(java.util.Map.of("bpmn/review-tiers.dmn", changed.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            clock.setDate(LocalDate.of(2026, 10, 13));
            Application social = applications.submit(user("committee"), new ApplicationRequest(
                    AcquisitionPath.SOCIAL_REVIEW, null, newPerson("复核甲"), title("高级工程师", TitleLevel.DEPUTY_SENIOR),
                    LocalDate.of(2026, 9, 28), org("TJ-EMP-BHDZ"), org("TJ-CMT-DZXX"), null, LocalDate.of(2026, 9, 30)));
            assertThat(reviewInstance(social)).isWaitingAt("Task_CheckByBureau");
            assertThat(openTask(social)).hasCandidateGroup(OrganisationGroups.of(org("TJ-HRSS")));
            decide("bureau", social, Decision.REJECT, "评审程序不合规");
            assertThat(reload(social).status()).isEqualTo(ApplicationStatus.REJECTED);
            assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(social.processInstanceId())
                    .activityId("EndEvent_Rejected").count()).isEqualTo(1);

            Application self = applications.submit(user("committee"), new ApplicationRequest(
                    AcquisitionPath.SELF_REVIEW, null, newPerson("复核乙"), title("高级工程师", TitleLevel.DEPUTY_SENIOR),
                    LocalDate.of(2026, 9, 28), org("TJ-EMP-BHDZ"), org("TJ-CMT-DZXX"), null, LocalDate.of(2026, 9, 30)));
            assertThat(reload(self).uploadedLate()).isFalse();
            decide("bureau", self, Decision.RETURN, "请补充评审表");
            revision.resubmit(user("committee"), self.id(), null);
            decide("bureau", self, Decision.APPROVE, null);
            assertThat(reload(self).status()).isEqualTo(ApplicationStatus.APPROVED);

            Application refused = applications.submit(user("committee"), new ApplicationRequest(
                    AcquisitionPath.SELF_REVIEW, null, newPerson("复核戊"), title("正高级工程师", TitleLevel.SENIOR),
                    LocalDate.of(2026, 9, 28), org("TJ-EMP-BHDZ"), org("TJ-CMT-DZXX"), null, LocalDate.of(2026, 9, 30)));
            decide("bureau", refused, Decision.REJECT, "评委会超出评审权限");
            assertThat(reload(refused).status()).isEqualTo(ApplicationStatus.REJECTED);

            clock.setDate(LocalDate.of(2026, 10, 20));
            Application late = applications.submit(user("committee"), new ApplicationRequest(
                    AcquisitionPath.SOCIAL_REVIEW, null, newPerson("复核丙"), title("高级工程师", TitleLevel.DEPUTY_SENIOR),
                    LocalDate.of(2026, 9, 28), org("TJ-EMP-BHDZ"), org("TJ-CMT-DZXX"), null, LocalDate.of(2026, 9, 30)));
            assertThat(reload(late).uploadedLate()).isTrue();
            Task check = taskService.createTaskQuery().processInstanceBusinessKey(String.valueOf(late.id()))
                    .taskDefinitionKey("Task_AcknowledgeLateUpload").singleResult();
            tasks.complete(user("bureau"), check.getId(), new ReviewTaskService.Completion(null, null, "已核实原因"));
            decide("bureau", late, Decision.APPROVE, null);
            assertThat(runtime.createProcessInstanceQuery().processInstanceId(late.processInstanceId()).count()).isZero();
        } finally {
            deployer.deploy(java.util.Map.of("bpmn/review-tiers.dmn", original.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        Application after = applications.submit(user("committee"), new ApplicationRequest(AcquisitionPath.SOCIAL_REVIEW,
                null, newPerson("复核丁"), title("高级工程师", TitleLevel.DEPUTY_SENIOR), LocalDate.of(2026, 9, 28),
                org("TJ-EMP-BHDZ"), org("TJ-CMT-DZXX"), null, LocalDate.of(2026, 10, 19)));
        assertThat(reload(after).status()).as("the original table is back").isEqualTo(ApplicationStatus.APPROVED);
    }
}
