package cn.titlecert.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.annotation.Transactional;

import cn.titlecert.TestData;
import cn.titlecert.certificate.TitleLevel;
import cn.titlecert.organisation.Organisation;
import cn.titlecert.organisation.OrganisationType;
import cn.titlecert.persistence.GeneratedKey;
import cn.titlecert.person.Person;

@SpringBootTest
@Import(TestData.class)
@Transactional
class ApplicationMapperTest {

    @Autowired
    ApplicationMapper applications;

    @Autowired
    TestData data;

    @Test
    void storesAnApplicationWithItsDecisionsAndUpdatesItOptimistically() {
        Organisation dept = data.organisation(OrganisationType.SUPERVISORY_DEPARTMENT, null);
        Organisation employer = data.organisation(OrganisationType.EMPLOYER, dept);
        Person person = data.person("申请人", employer);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        GeneratedKey key = new GeneratedKey();
        applications.insert(new Application(null, AcquisitionPath.SELF_APPOINTMENT, ReviewType.SELF, person.id(),
                employer.id(), employer.id(), dept.id(), "工程技术", "电子信息", "高级工程师", TitleLevel.DEPUTY_SENIOR,
                LocalDate.of(2026, 10, 20), ApplicationStatus.SUBMITTED, null, null, null, "holder", now, now, 0, null, null,
                null, false, null, null, Application.duplicateGuardOf(person.id(), "工程技术", TitleLevel.DEPUTY_SENIOR,
                        "高级工程师")), key);

        Application stored = applications.findById(key.value()).orElseThrow();
        assertThat(stored.path()).isEqualTo(AcquisitionPath.SELF_APPOINTMENT);
        assertThat(stored.titleLevel()).isEqualTo(TitleLevel.DEPUTY_SENIOR);
        assertThat(stored.obtainedOn()).isEqualTo(LocalDate.of(2026, 10, 20));
        assertThat(stored.submittedAt()).isEqualTo(now);
        assertThat(stored.version()).isZero();

        assertThat(applications.updateState(stored.id(), 0, ApplicationStatus.APPROVED, null, "pi-1", "2026-11", now)).isEqualTo(1);
        assertThat(applications.updateState(stored.id(), 0, ApplicationStatus.REJECTED, null, "pi-1", null, now))
                .as("a stale version changes nothing").isZero();
        Application approved = applications.findById(stored.id()).orElseThrow();
        assertThat(approved.status()).isEqualTo(ApplicationStatus.APPROVED);
        assertThat(approved.issuanceMonth()).isEqualTo("2026-11");
        assertThat(approved.version()).isEqualTo(1);

        applications.insertDecision(new ApplicationDecision(null, stored.id(), "Task_ReviewByEmployer", Decision.RETURN,
                "请补充聘任文件", "employer", employer.id(), now), new GeneratedKey());
        applications.insertDecision(new ApplicationDecision(null, stored.id(), "Task_ReviewByEmployer", Decision.APPROVE,
                null, "employer", employer.id(), now), new GeneratedKey());
        assertThat(applications.findDecisions(stored.id())).extracting(ApplicationDecision::decision)
                .containsExactly(Decision.RETURN, Decision.APPROVE);

        assertThat(applications.findByPerson(person.id())).hasSize(1);
        assertThat(applications.findInScope(dept.treePath(), null, 10, 0)).extracting(Application::id).containsExactly(stored.id());
        assertThat(applications.findInScope(dept.treePath(), ApplicationStatus.REJECTED, 10, 0)).isEmpty();
        Organisation elsewhere = data.organisation(OrganisationType.EMPLOYER, null);
        assertThat(applications.findInScope(elsewhere.treePath(), null, 10, 0)).isEmpty();
    }
}
