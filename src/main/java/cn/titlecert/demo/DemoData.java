package cn.titlecert.demo;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import cn.titlecert.audit.AuditTrail;
import cn.titlecert.organisation.Organisation;
import cn.titlecert.organisation.OrganisationService;
import cn.titlecert.organisation.OrganisationType;
import cn.titlecert.person.Gender;
import cn.titlecert.person.IdNumber;
import cn.titlecert.person.IdType;
import cn.titlecert.person.NewPerson;
import cn.titlecert.person.Person;
import cn.titlecert.person.PersonService;
import cn.titlecert.person.PhoneNumber;
import cn.titlecert.security.AccountService;
import cn.titlecert.security.Role;

/**
 * The demo organisations, holders and accounts of DESIGN.md (password {@code demo}), created once on
 * the embedded database. Never active in production: {@code titlecert.demo-data} is refused there.
 */
@Component
@Order(30)
@ConditionalOnProperty(name = "titlecert.demo-data", havingValue = "true")
public class DemoData implements ApplicationRunner {

    public static final String PASSWORD = "demo";
    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final OrganisationService organisations;
    private final PersonService persons;
    private final AccountService accounts;
    private final AuditTrail audit;
    private final Clock clock;

    public DemoData(OrganisationService organisations, PersonService persons, AccountService accounts,
            AuditTrail audit, Clock clock) {
        this.organisations = organisations;
        this.persons = persons;
        this.accounts = accounts;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (accounts.exists("holder")) {
            return;
        }
        Organisation bureau = org("TJ-HRSS", "天津市人力资源和社会保障局", OrganisationType.BUREAU, null, "120000");
        Organisation industry = org("TJ-GXJ", "天津市工业和信息化局", OrganisationType.SUPERVISORY_DEPARTMENT, bureau, "120000");
        Organisation electronics = org("TJ-EMP-BHDZ", "天津滨海电子科技有限公司", OrganisationType.EMPLOYER, industry, "120116");
        Organisation machinery = org("TJ-EMP-HBJX", "天津华北机械制造有限公司", OrganisationType.EMPLOYER, industry, "120110");
        Organisation committee = org("TJ-CMT-DZXX", "天津市工程技术系列电子信息专业高级评审委员会",
                OrganisationType.COMMITTEE, industry, "120000");
        Organisation health = org("TJ-WJW", "天津市卫生健康委员会", OrganisationType.SUPERVISORY_DEPARTMENT, bureau, "120000");
        Organisation hospital = org("TJ-EMP-YZX", "天津市第一中心医院", OrganisationType.EMPLOYER, health, "120104");
        org("TJ-RCFW", "天津市人才服务中心", OrganisationType.ARCHIVE_AGENCY, bureau, "120000");
        Organisation exam = org("TJ-KSZX", "天津市人事考试中心", OrganisationType.EXAM_AGENCY, bureau, "120000");

        Person zhang = person("张三", "120101198805120014", "13800000001", electronics);
        person("李梅", "120103199008230023", "13800000002", electronics);
        person("王五", "120104198503170031", "13800000003", machinery);
        person("赵敏", "120110199201010042", "13800000004", hospital);

        account("admin", "系统管理员", Role.ADMIN, bureau, null);
        account("bureau", "市人社局专技处", Role.BUREAU, bureau, null);
        account("supervisor", "工信局人事处", Role.SUPERVISOR, industry, null);
        account("employer", "滨海电子人力资源部", Role.EMPLOYER, electronics, null);
        account("committee", "电子信息高评委办公室", Role.COMMITTEE, committee, null);
        account("exam", "市人事考试中心", Role.EXAM_AGENCY, exam, null);
        account("holder", zhang.name(), Role.HOLDER, electronics, zhang.id());
        account("operator", "运维值班", Role.OPERATOR, bureau, null);
        audit.append(AuditTrail.SYSTEM, null, "DEMO_DATA_CREATED", null, null, "demo organisations and accounts", null);
        log.info("Demo organisations and accounts created (password '{}')", PASSWORD);
    }

    private Organisation org(String code, String name, OrganisationType type, Organisation parent, String region) {
        return organisations.findByCode(code)
                .orElseGet(() -> organisations.create(code, name, type, parent == null ? null : parent.id(), region));
    }

    private Person person(String name, String idNumber, String phone, Organisation employer) {
        IdNumber id = IdNumber.parse(IdType.RESIDENT_ID, idNumber, LocalDate.now(clock));
        return persons.findByIdNumber(id).orElseGet(() -> persons.register(new NewPerson(name,
                id.gender().orElse(Gender.M), id.birthDate().orElseThrow(), id, PhoneNumber.parse(phone),
                employer.id())));
    }

    private void account(String username, String displayName, Role role, Organisation organisation, Long personId) {
        if (!accounts.exists(username)) {
            accounts.create(username, displayName, PASSWORD, Set.of(role), organisation.id(), personId);
            // A reserved domain: notifications to staff land in the demo outbox and could never be delivered.
            accounts.setEmail(username, username + "@demo.titlecert.invalid");
        }
    }
}
