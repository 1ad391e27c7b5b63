package cn.titlecert.issuance;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import cn.titlecert.application.Application;
import cn.titlecert.application.ApplicationMapper;
import cn.titlecert.certificate.Certificate;
import cn.titlecert.certificate.CertificateMapper;
import cn.titlecert.notification.Notifications;
import cn.titlecert.notification.Recipients;
import cn.titlecert.person.Person;
import cn.titlecert.person.PersonService;

/**
 * What the cycle tells people, in Chinese (the holders' and units' language), through the one notification
 * port, inside the transaction of the step that has something to say.
 */
@Component
class IssuanceNotices {

    private static final Locale TEXT = Locale.SIMPLIFIED_CHINESE;

    private final Notifications notifications;
    private final Recipients recipients;
    private final PersonService persons;
    private final ApplicationMapper applications;
    private final CertificateMapper certificates;
    private final MessageSource messages;

    IssuanceNotices(Notifications notifications, Recipients recipients, PersonService persons,
            ApplicationMapper applications, CertificateMapper certificates, MessageSource messages) {
        this.notifications = notifications;
        this.recipients = recipients;
        this.persons = persons;
        this.applications = applications;
        this.certificates = certificates;
        this.messages = messages;
    }

    /** R9: the holder and the unit that collects photos (employer; for committee paths also the committee). */
    void photoMissing(IssuanceItem item) {
        Application a = applications.findById(item.applicationId()).orElseThrow();
        Person person = persons.find(item.personId()).orElseThrow();
        persons.phoneOf(person.id()).ifPresent(phone -> notifications.sms(phone.value(), "PHOTO_MISSING",
                text("notice.photo-missing.holder", person.name(), a.titleName())));
        Set<Long> units = new LinkedHashSet<>();
        if (a.employerId() != null) {
            units.add(a.employerId());
        }
        if (a.isCommitteePath() && a.reviewBodyId() != null) {
            units.add(a.reviewBodyId());
        }
        String subject = text("notice.photo-missing.unit.subject", person.name());
        String body = text("notice.photo-missing.unit.body", person.name(), a.titleName(), String.valueOf(a.id()));
        for (long unit : units) {
            recipients.emailsOfOrganisation(unit).forEach(email -> notifications.email(email, "PHOTO_MISSING", subject, body));
        }
    }

    /** Release day, or a late generation after it: the holder may download now. */
    boolean certificateReleased(IssuanceItem item) {
        if (item.certificateId() == null) {
            return false;
        }
        Certificate c = certificates.findById(item.certificateId()).orElse(null);
        if (c == null) {
            return false;
        }
        return persons.phoneOf(item.personId()).map(phone -> {
            notifications.sms(phone.value(), "CERTIFICATE_RELEASED",
                    text("notice.released.holder", c.holderName(), c.titleName(), c.number()));
            return true;
        }).orElse(false);
    }

    /** The submitter learns why the bureau sent the case back. */
    void caseExcluded(long applicationId, String reason) {
        Application a = applications.findById(applicationId).orElseThrow();
        String name = persons.find(a.personId()).map(Person::name).orElse("");
        recipients.emailOfUser(a.submittedBy()).ifPresent(email -> notifications.email(email, "CASE_RETURNED",
                text("notice.excluded.subject", name), text("notice.excluded.body", name, a.titleName(), String.valueOf(a.id()), reason)));
    }

    private String text(String key, Object... args) {
        return messages.getMessage(key, args, TEXT);
    }
}
