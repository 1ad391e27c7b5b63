package cn.titlecert.demo;

import java.time.Clock;
import java.time.LocalDate;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import cn.titlecert.application.AcquisitionPath;
import cn.titlecert.application.Application;
import cn.titlecert.application.ApplicationRequest;
import cn.titlecert.application.ApplicationService;
import cn.titlecert.certificate.TitleLevel;
import cn.titlecert.organisation.OrganisationService;
import cn.titlecert.review.ReviewTaskService;
import cn.titlecert.security.IdentityAuthenticationProvider;

/**
 * Sample cases on every path, so each demo role finds work at first login: the holder's own application
 * at the employer, one at the supervisory department, one at the exam agency, committee results
 * approved, and a late upload for the bureau to check. Created once, through the same services as real
 * submissions.
 */
@Component
@Order(40)
// Process tests that measure coverage switch the demo cases off: coverage is only recorded inside a test.
@ConditionalOnExpression("${titlecert.demo-data:false} and ${titlecert.demo-applications:true}")
public class DemoApplications implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoApplications.class);

    private final ApplicationService applications;
    private final ReviewTaskService tasks;
    private final TaskService engineTasks;
    private final IdentityAuthenticationProvider users;
    private final OrganisationService organisations;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    public DemoApplications(ApplicationService applications, ReviewTaskService tasks, TaskService engineTasks,
            IdentityAuthenticationProvider users, OrganisationService organisations, JdbcTemplate jdbc, Clock clock) {
        this.applications = applications;
        this.tasks = tasks;
        this.engineTasks = engineTasks;
        this.users = users;
        this.organisations = organisations;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        Integer existing = jdbc.queryForObject("SELECT COUNT(*) FROM application", Integer.class);
        if (existing != null && existing > 0) {
            return;
        }
        LocalDate today = LocalDate.now(clock);
        long electronics = org("TJ-EMP-BHDZ");
        long machinery = org("TJ-EMP-HBJX");
        long committee = org("TJ-CMT-DZXX");

        applications.submit(users.load("holder"), new ApplicationRequest(AcquisitionPath.SELF_APPOINTMENT, null, null,
                new ApplicationRequest.TitleData("工程技术", "电子信息", "工程师", TitleLevel.INTERMEDIATE),
                today.minusMonths(1), null, null, null, null));

        Application commissioned = applications.submit(users.load("employer"), new ApplicationRequest(
                AcquisitionPath.COMMISSIONED_REVIEW, null, existing("李梅", "120103199008230023"),
                new ApplicationRequest.TitleData("工程技术", "电子信息", "高级工程师", TitleLevel.DEPUTY_SENIOR),
                today.minusWeeks(3), electronics, null, "工业和信息化部电子信息专业高级职称评审委员会", null));
        approve("employer", commissioned);

        applications.submit(users.load("exam"), new ApplicationRequest(AcquisitionPath.EXAM_IN_LIEU, null,
                existing("王五", "120104198503170031"),
                new ApplicationRequest.TitleData("经济", "人力资源管理", "经济师", TitleLevel.INTERMEDIATE),
                today.minusWeeks(2), machinery, null, null, null));

        applications.submit(users.load("committee"), new ApplicationRequest(AcquisitionPath.SOCIAL_REVIEW, null,
                new ApplicationRequest.PersonData("陈静", null, null, null, "120102198703150024", "13800000005"),
                new ApplicationRequest.TitleData("工程技术", "电子信息", "高级工程师", TitleLevel.DEPUTY_SENIOR),
                today.minusDays(2), electronics, committee, null, today.minusDays(1)));

        applications.submit(users.load("committee"), new ApplicationRequest(AcquisitionPath.SOCIAL_REVIEW, null,
                new ApplicationRequest.PersonData("刘洋", null, null, null, "120105198911020012", "13800000006"),
                new ApplicationRequest.TitleData("工程技术", "通信工程", "高级工程师", TitleLevel.DEPUTY_SENIOR),
                today.minusMonths(1), machinery, committee, null, today.minusMonths(1)));
        log.info("Demo applications created on every path");
    }

    private static ApplicationRequest.PersonData existing(String name, String idNumber) {
        return new ApplicationRequest.PersonData(name, null, null, null, idNumber, null);
    }

    private void approve(String username, Application application) {
        Task task = engineTasks.createTaskQuery().processInstanceBusinessKey(String.valueOf(application.id()))
                .active().singleResult();
        tasks.complete(users.load(username), task.getId(), new ReviewTaskService.Completion("APPROVE", null, null));
    }

    private long org(String code) {
        return organisations.findByCode(code).orElseThrow().id();
    }
}
