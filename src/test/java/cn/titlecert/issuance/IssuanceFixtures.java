package cn.titlecert.issuance;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import cn.titlecert.TestIdNumbers;
import cn.titlecert.application.AcquisitionPath;
import cn.titlecert.application.Application;
import cn.titlecert.application.ApplicationMapper;
import cn.titlecert.application.ApplicationStatus;
import cn.titlecert.application.ReviewType;
import cn.titlecert.certificate.PdfSignatureCheck;
import cn.titlecert.certificate.TitleLevel;
import cn.titlecert.demo.DemoPhoto;
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
import cn.titlecert.security.Role;

/**
 * Large batches for the resilience tests and the benchmark: a bureau of its own with an employer, and approved
 * cases written straight to the database (as the review process leaves them), each holder with a photo.
 */
@Component
public class IssuanceFixtures {

    private final OrganisationService organisations;
    private final AccountService accounts;
    private final PersonService persons;
    private final PhotoMapper photos;
    private final ApplicationMapper applications;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final IssuanceMapper batches;

    public IssuanceFixtures(OrganisationService organisations, AccountService accounts, PersonService persons,
            PhotoMapper photos, ApplicationMapper applications, TransactionTemplate transactions, Clock clock,
            IssuanceMapper batches) {
        this.batches = batches;
        this.organisations = organisations;
        this.accounts = accounts;
        this.persons = persons;
        this.photos = photos;
        this.applications = applications;
        this.transactions = transactions;
        this.clock = clock;
    }

    public record Bureau(Organisation bureau, Organisation employer, String staffUsername) {
    }

    public Bureau newBureau() {
        String suffix = Long.toString(System.nanoTime(), 36);
        return transactions.execute(tx -> {
            Organisation bureau = organisations.create("F-HRSS-" + suffix, "测试人社局" + suffix, OrganisationType.BUREAU,
                    null, "120000");
            Organisation employer = organisations.create("F-EMP-" + suffix, "测试单位" + suffix, OrganisationType.EMPLOYER,
                    bureau.id(), "120000");
            accounts.create("fb" + suffix, "发证机关" + suffix, "fixture-password", Set.of(Role.BUREAU), bureau.id(), null);
            return new Bureau(bureau, employer, "fb" + suffix);
        });
    }

    /** A person with a random ID number; another draw when the number is taken already (the space is finite). */
    private Person newPerson(String name, long employerId) {
        for (int attempt = 0;; attempt++) {
            IdNumber id = IdNumber.parse(IdType.RESIDENT_ID, TestIdNumbers.randomResidentId(), LocalDate.now(clock));
            // Asked first: a refused registration would mark the surrounding transaction rollback-only.
            if (persons.findByIdNumber(id).isEmpty() || attempt > 20) {
                return persons.register(new NewPerson(name, null, null, id, PhoneNumber.parse(TestIdNumbers.randomPhone()),
                        employerId));
            }
        }
    }

    /** {@code count} approved cases of {@code month}, in transactions of 200; {@code withPhoto} for all of them. */
    public List<Long> approvedCases(Bureau b, YearMonth month, int count, boolean withPhoto) {
        byte[] jpeg = DemoPhoto.jpeg();
        String sha = PdfSignatureCheck.sha256(jpeg);
        List<Long> ids = new ArrayList<>();
        for (int from = 0; from < count; from += 200) {
            int size = Math.min(200, count - from);
            int offset = from;
            transactions.executeWithoutResult(tx -> {
                for (int i = 0; i < size; i++) {
                    Instant now = clock.instant();
                    Person p = newPerson("批量" + (offset + i), b.employer().id());
                    if (withPhoto) {
                        photos.insert(new Photo(null, p.id(), "image/jpeg", jpeg.length, DemoPhoto.WIDTH, DemoPhoto.HEIGHT,
                                sha, true, "fixture", now), jpeg, new GeneratedKey());
                    }
                    GeneratedKey key = new GeneratedKey();
                    applications.insert(new Application(null, AcquisitionPath.SELF_APPOINTMENT, ReviewType.SELF,
                            p.id(), b.employer().id(), b.employer().id(), null, "工程技术", "电子信息", "工程师",
                            TitleLevel.INTERMEDIATE, LocalDate.of(2026, 9, 1), ApplicationStatus.APPROVED, "MONTHLY_ISSUANCE",
                            null, month.toString(), "fixture", now, now, 0, null, null, null, false, b.bureau().id(), null,
                            Application.duplicateGuardOf(p.id(), "工程技术", TitleLevel.INTERMEDIATE, "工程师")), key);
                    ids.add(key.value());
                }
            });
        }
        return ids;
    }

    /**
     * A batch of the bureau's approved cases of {@code month} as the bureau leaves it when it approves (GENERATING),
     * written straight to the tables, without a cycle's process instance; the caller dispatches it. Returns its id.
     */
    public long approvedBatch(Bureau b, YearMonth month, String documentNumber) {
        GeneratedKey batch = new GeneratedKey();
        Instant now = clock.instant();
        batches.insertBatch(new IssuanceBatch(null, month.toString(), b.bureau().id(), BatchStatus.GENERATING, null,
                month.plusMonths(1).atDay(15), null, null, null, null, null, null, null, now), batch);
        batches.collect(batch.value(), b.bureau().id(), month.toString(), now);
        batches.approveBatch(batch.value(), LocalDate.now(clock), b.bureau().name(), documentNumber, "test", now);
        return batch.value();
    }
}
