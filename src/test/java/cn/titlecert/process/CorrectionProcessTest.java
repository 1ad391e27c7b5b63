package cn.titlecert.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
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
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestExecutionListeners;
import org.springframework.transaction.support.TransactionTemplate;

import cn.titlecert.TestIdNumbers;
import cn.titlecert.application.AcquisitionPath;
import cn.titlecert.application.ReviewType;
import cn.titlecert.audit.AuditMapper;
import cn.titlecert.certificate.Certificate;
import cn.titlecert.certificate.CertificateIssuer;
import cn.titlecert.certificate.CertificateMapper;
import cn.titlecert.certificate.CertificateRequest;
import cn.titlecert.certificate.CertificateStatus;
import cn.titlecert.certificate.PdfSignatureCheck;
import cn.titlecert.certificate.TitleLevel;
import cn.titlecert.demo.DemoPhoto;
import cn.titlecert.error.DomainException;
import cn.titlecert.lifecycle.CorrectionRequest;
import cn.titlecert.lifecycle.CorrectionStatus;
import cn.titlecert.lifecycle.Corrections;
import cn.titlecert.lifecycle.Corrections.CorrectionView;
import cn.titlecert.lifecycle.Revocations;
import cn.titlecert.notification.NotificationMapper;
import cn.titlecert.organisation.Organisation;
import cn.titlecert.organisation.OrganisationService;
import cn.titlecert.organisation.OrganisationType;
import cn.titlecert.person.IdNumber;
import cn.titlecert.person.IdType;
import cn.titlecert.person.NewPerson;
import cn.titlecert.person.Person;
import cn.titlecert.person.PersonService;
import cn.titlecert.person.PhoneNumber;
import cn.titlecert.person.Photo;
import cn.titlecert.person.PhotoMapper;
import cn.titlecert.persistence.GeneratedKey;
import cn.titlecert.security.AccountService;
import cn.titlecert.security.CurrentUser;
import cn.titlecert.security.IdentityAuthenticationProvider;
import cn.titlecert.security.OrganisationGroups;
import cn.titlecert.security.Role;

/**
 * {@code certificate-correction} with its real listeners and delegates: the approving unit and the bureau decide
 * (through the product and through the engine as Tasklist would), the reissue job makes the new certificate and
 * supersedes the old one, rejections end the request, and a reissue that cannot run becomes an incident.
 */
@SpringBootTest(properties = "titlecert.demo-applications=false")
@Import(ProcessEngineCoverageConfiguration.class)
@TestExecutionListeners(value = ProcessEngineCoverageTestExecutionListener.class,
        mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
class CorrectionProcessTest {

    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtime;
    @Autowired TaskService taskService;
    @Autowired ManagementService management;
    @Autowired Corrections corrections;
    @Autowired Revocations revocations;
    @Autowired CertificateIssuer issuer;
    @Autowired CertificateMapper certificates;
    @Autowired PersonService persons;
    @Autowired PhotoMapper photos;
    @Autowired OrganisationService organisations;
    @Autowired AccountService accounts;
    @Autowired IdentityAuthenticationProvider users;
    @Autowired NotificationMapper outbox;
    @Autowired AuditMapper audit;
    @Autowired TransactionTemplate transactions;

    /** bureau → supervisory department → employer, with a staff member at each and one holder. */
    record Tree(Organisation bureau, Organisation supervisor, Organisation employer, CurrentUser bureauStaff,
            CurrentUser supervisorStaff, CurrentUser employerStaff, CurrentUser holder, Person person) {
    }

    @BeforeEach
    void init() {
        AbstractAssertions.init(engine);
    }

    private Tree tree(boolean withSupervisor) {
        String s = Long.toString(System.nanoTime(), 36);
        Organisation bureau = organisations.create("C-HRSS-" + s, "更正测试人社局" + s, OrganisationType.BUREAU, null, "120000");
        Organisation supervisor = withSupervisor ? organisations.create("C-SUP-" + s, "更正测试主管部门" + s,
                OrganisationType.SUPERVISORY_DEPARTMENT, bureau.id(), "120000") : null;
        Organisation employer = organisations.create("C-EMP-" + s, "更正测试用人单位" + s, OrganisationType.EMPLOYER,
                withSupervisor ? supervisor.id() : bureau.id(), "120000");
        IdNumber id = new IdNumber(IdType.RESIDENT_ID, TestIdNumbers.residentId(LocalDate.of(1985, 3, 4), true));
        Person person = transactions.execute(tx -> persons.register(new NewPerson("更正甲", null, null, id,
                new PhoneNumber(TestIdNumbers.randomPhone()), employer.id())));
        accounts.create("cb" + s, "发证机关" + s, "test-password", Set.of(Role.BUREAU), bureau.id(), null);
        if (withSupervisor) {
            accounts.create("cs" + s, "主管部门" + s, "test-password", Set.of(Role.SUPERVISOR), supervisor.id(), null);
        }
        accounts.create("ce" + s, "人事处" + s, "test-password", Set.of(Role.EMPLOYER), employer.id(), null);
        accounts.create("ch" + s, "持证人" + s, "test-password", Set.of(Role.HOLDER), employer.id(), person.id());
        givePhoto(person.id());
        return new Tree(bureau, supervisor, employer, users.load("cb" + s),
                withSupervisor ? users.load("cs" + s) : null, users.load("ce" + s), users.load("ch" + s), person);
    }

    private void givePhoto(long personId) {
        transactions.executeWithoutResult(tx -> {
            byte[] jpeg = DemoPhoto.jpeg();
            photos.retireCurrent(personId);
            photos.insert(new Photo(null, personId, "image/jpeg", jpeg.length, DemoPhoto.WIDTH, DemoPhoto.HEIGHT,
                    PdfSignatureCheck.sha256(jpeg), true, "test", Instant.now()), jpeg, new GeneratedKey());
        });
    }

    private Certificate certificate(Tree t) {
        return issuer.issue(new CertificateRequest("test:correction:" + System.nanoTime(), null, t.person().id(),
                AcquisitionPath.SELF_APPOINTMENT, ReviewType.SELF, "工程技术", "电子信息", "工程师", TitleLevel.INTERMEDIATE,
                LocalDate.of(2026, 9, 1), t.employer().name(), t.supervisor() == null ? null : t.supervisor().name(),
                t.employer().name(), null, t.bureau().name(), "津人社职〔2026〕9号", LocalDate.of(2026, 9, 20),
                t.bureau().id(), null), "test").certificate();
    }

    private ProcessInstance instanceOf(CorrectionView view) {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey("correction:" + view.id())
                .processDefinitionKey(Corrections.PROCESS_KEY).singleResult();
    }

    private Task openTask(ProcessInstance instance) {
        return taskService.createTaskQuery().processInstanceId(instance.getId()).active().singleResult();
    }

    private Job reissueJob(ProcessInstance instance) {
        return management.createJobQuery().processInstanceId(instance.getId()).activityId("Task_ReissueCertificate")
                .singleResult();
    }

    @Test
    void aCorrectionGoesThroughTheApprovingUnitAndTheBureauAndSupersedesTheOldCertificate() {
        Tree t = tree(true);
        Certificate old = certificate(t);
        CorrectionView asked = corrections.request(t.holder(), old.number(), new CorrectionRequest(null,
                Map.of("holderName", "更正乙", "titleSpecialty", "集成电路"), "姓名录入错误，专业应为集成电路"), List.of());
        assertThat(asked.status()).isEqualTo(CorrectionStatus.IN_REVIEW);
        assertThat(asked.waitingFor()).isEqualTo(t.supervisor().name());
        ProcessInstance instance = instanceOf(asked);
        assertThat(instance).isWaitingAt(Corrections.REVIEW_TASK);
        assertThat(openTask(instance)).hasCandidateGroup(OrganisationGroups.of(t.supervisor().id()));
        assertThat(runtime.getVariables(instance.getId()).toString()).as("no personal data in the engine")
                .doesNotContain("更正乙").doesNotContain(persons.idNumberOf(t.person().id()).value());

        // Only the organisation the step waits for decides; the employer who can see the request cannot.
        assertThatThrownBy(() -> corrections.decide(t.employerStaff(), asked.id(), "APPROVE", null))
                .isInstanceOf(DomainException.class).hasMessage("correction.not-your-step");
        assertThatThrownBy(() -> corrections.decide(t.supervisorStaff(), asked.id(), "RETURN", "请补充材料"))
                .as("the approving unit approves or rejects").hasMessage("correction.return-not-allowed");
        corrections.decide(t.supervisorStaff(), asked.id(), "APPROVE", null);
        assertThat(instance).isWaitingAt(Corrections.BUREAU_TASK);
        assertThat(openTask(instance)).hasCandidateGroup(OrganisationGroups.of(t.bureau().id()));

        // The bureau sends it back once; the approving unit approves again.
        assertThatThrownBy(() -> corrections.decide(t.bureauStaff(), asked.id(), "RETURN", " "))
                .hasMessage("decision.reason-required");
        corrections.decide(t.bureauStaff(), asked.id(), "RETURN", "请核实原始档案");
        assertThat(instance).isWaitingAt(Corrections.REVIEW_TASK);
        assertThat(corrections.find(t.holder(), asked.id()).status()).isEqualTo(CorrectionStatus.IN_REVIEW);
        corrections.decide(t.supervisorStaff(), asked.id(), "APPROVE", null);

        // Tasklist: the same checks through the engine.
        Task atBureau = openTask(instance);
        assertThatThrownBy(() -> taskService.complete(atBureau.getId(), Map.of("decision", "REJECT")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("理由");
        taskService.complete(atBureau.getId(), Map.of("decision", "APPROVE"));
        assertThat(corrections.find(t.bureauStaff(), asked.id()).status()).isEqualTo(CorrectionStatus.APPROVED);
        assertThat(instance).isWaitingAt("Task_ReissueCertificate");
        assertThat(certificates.findById(old.id()).orElseThrow().status()).as("valid until the new one exists")
                .isEqualTo(CertificateStatus.VALID);

        management.executeJob(reissueJob(instance).getId());
        assertThat(instance).isEnded().hasPassed("Event_CertificateReissued");
        CorrectionView done = corrections.find(t.holder(), asked.id());
        assertThat(done.status()).isEqualTo(CorrectionStatus.REISSUED);
        Certificate fresh = certificates.findByNumber(done.newCertificateNumber()).orElseThrow();
        assertThat(fresh.holderName()).isEqualTo("更正乙");
        assertThat(fresh.titleSpecialty()).isEqualTo("集成电路");
        assertThat(fresh.titleName()).isEqualTo(old.titleName());
        assertThat(fresh.supersedesId()).isEqualTo(old.id());
        assertThat(fresh.releaseOn()).as("downloadable at once").isNull();
        assertThat(fresh.number()).isNotEqualTo(old.number()).startsWith("C");
        assertThat(certificates.findById(old.id()).orElseThrow().status()).isEqualTo(CertificateStatus.SUPERSEDED);
        assertThat(certificates.findSuccessor(old.id())).map(Certificate::number).contains(fresh.number());
        assertThat(persons.find(t.person().id()).orElseThrow().name()).as("the record is corrected too")
                .isEqualTo("更正乙");
        assertThat(audit.findByEntity("certificate", old.number())).extracting(e -> e.action())
                .contains("CORRECTION_REQUESTED", "CERTIFICATE_SUPERSEDED");
        assertThat(audit.findByEntity("correction", String.valueOf(asked.id())))
                .filteredOn(e -> e.action().equals("CORRECTION_DECIDED")).as("four decisions").hasSize(4);
        assertThat(audit.findByEntity("correction", String.valueOf(asked.id()))).as("the bureau's read is recorded")
                .anySatisfy(e -> assertThat(e.action()).isEqualTo("CORRECTION_VIEWED"));
        assertThat(outbox.findRecent(1000, "CORRECTION")).anySatisfy(n -> assertThat(n.body())
                .contains(old.number()).contains(fresh.number()));

        // Nothing more can be asked of a superseded certificate.
        assertThatThrownBy(() -> corrections.request(t.holder(), old.number(),
                new CorrectionRequest(null, Map.of("titleName", "高级工程师"), "再改"), List.of()))
                .hasMessage("correction.not-valid");
    }

    @Test
    void theApprovingUnitRejectsAndTheHolderMayAskAgain() {
        Tree t = tree(true);
        Certificate old = certificate(t);
        CorrectionView asked = corrections.request(t.employerStaff(), old.number(),
                new CorrectionRequest("CORRECTION", Map.of("obtainedOn", "2026-08-01"), "取得时间有误"), List.of());
        assertThatThrownBy(() -> corrections.request(t.holder(), old.number(),
                new CorrectionRequest(null, Map.of("titleName", "高级工程师"), "重复提交"), List.of()))
                .as("one open request per certificate").hasMessage("correction.already-open");
        ProcessInstance instance = instanceOf(asked);
        corrections.decide(t.supervisorStaff(), asked.id(), "REJECT", "与档案记载一致，无需更正");
        assertThat(instance).isEnded().hasPassed("Event_CorrectionRejected");
        CorrectionView rejected = corrections.find(t.holder(), asked.id());
        assertThat(rejected.status()).isEqualTo(CorrectionStatus.REJECTED);
        assertThat(rejected.decisionReason()).isEqualTo("与档案记载一致，无需更正");
        assertThat(certificates.findById(old.id()).orElseThrow().status()).isEqualTo(CertificateStatus.VALID);
        assertThat(outbox.findRecent(1000, "CORRECTION")).anySatisfy(n -> assertThat(n.body())
                .contains("与档案记载一致"));
        assertThatThrownBy(() -> corrections.decide(t.supervisorStaff(), asked.id(), "APPROVE", null))
                .hasMessage("correction.already-decided");

        CorrectionView again = corrections.request(t.holder(), old.number(),
                new CorrectionRequest(null, Map.of("obtainedOn", "2026-08-01"), "附上批准文件"), List.of());
        assertThat(again.id()).isNotEqualTo(asked.id());
    }

    @Test
    void withoutASupervisoryDepartmentTheBureauDecidesAloneAndMayReject() {
        Tree t = tree(false);
        Certificate old = certificate(t);
        CorrectionView asked = corrections.request(t.holder(), old.number(),
                new CorrectionRequest(null, Map.of("titleLevel", "DEPUTY_SENIOR"), "级别有误"), List.of());
        assertThat(asked.status()).isEqualTo(CorrectionStatus.AT_BUREAU);
        ProcessInstance instance = instanceOf(asked);
        assertThat(instance).isWaitingAt(Corrections.BUREAU_TASK);
        assertThatThrownBy(() -> corrections.decide(t.bureauStaff(), asked.id(), "RETURN", "退回"))
                .as("nobody to return to").hasMessage("correction.return-not-allowed");
        corrections.decide(t.bureauStaff(), asked.id(), "REJECT", "级别以评审结果为准");
        assertThat(instance).isEnded().hasPassed("Event_CorrectionRejected");
        assertThat(certificates.findById(old.id()).orElseThrow().status()).isEqualTo(CertificateStatus.VALID);
    }

    @Test
    void aReissueThatCannotRunRetriesAndBecomesAnIncident() {
        Tree t = tree(false);
        Certificate old = certificate(t);
        CorrectionView asked = corrections.request(t.holder(), old.number(),
                new CorrectionRequest(null, Map.of("titleSpecialty", "通信工程"), "专业有误"), List.of());
        ProcessInstance instance = instanceOf(asked);
        corrections.decide(t.bureauStaff(), asked.id(), "APPROVE", null);
        assertThatThrownBy(() -> revocations.revoke(t.bureauStaff(), old.number(), "FRAUD", "材料造假"))
                .as("not while its replacement is being made").hasMessage("revocation.reissue-pending");
        // Revoked behind the product's back (directly in the database) between the approval and the job: the old
        // certificate must not be superseded silently.
        certificates.revoke(old.number(), Instant.now(), "dba", "材料造假");
        Job job = reissueJob(instance);
        assertThat(job.getRetries()).isEqualTo(5);
        for (int attempt = 0; attempt < 5; attempt++) {
            String jobId = reissueJob(instance).getId();
            assertThatThrownBy(() -> management.executeJob(jobId)).hasMessageContaining("no longer valid");
        }
        assertThat(reissueJob(instance).getRetries()).isZero();
        assertThat(runtime.createIncidentQuery().processInstanceId(instance.getId()).count()).isEqualTo(1);
        assertThat(certificates.findById(old.id()).orElseThrow().status()).isEqualTo(CertificateStatus.REVOKED);
        assertThat(certificates.findSuccessor(old.id())).as("the new certificate rolled back with the job").isEmpty();
        assertThat(corrections.find(t.bureauStaff(), asked.id()).status()).isEqualTo(CorrectionStatus.APPROVED);
    }
}
