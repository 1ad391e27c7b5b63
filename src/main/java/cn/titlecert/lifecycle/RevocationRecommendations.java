package cn.titlecert.lifecycle;

import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import cn.titlecert.certificate.Certificate;
import cn.titlecert.notification.Notifications;
import cn.titlecert.notification.Recipients;
import cn.titlecert.organisation.Organisation;
import cn.titlecert.organisation.OrganisationService;
import cn.titlecert.security.CurrentUser;

/**
 * A credit record whose decision recommends revoking the certificate (建议作废证书) is a request to the bureau that
 * issued it, which alone revokes: its staff get an e-mail, in the transaction of the record (so there is one exactly
 * when the record is), naming the certificate and the record to act on. The ID number is not in it.
 */
@Component
class RevocationRecommendations {

    private final Notifications notifications;
    private final Recipients recipients;
    private final OrganisationService organisations;
    private final MessageSource messages;

    RevocationRecommendations(Notifications notifications, Recipients recipients, OrganisationService organisations,
            MessageSource messages) {
        this.notifications = notifications;
        this.recipients = recipients;
        this.organisations = organisations;
        this.messages = messages;
    }

    /** @return how many of the issuing bureau's staff were written to */
    int tellIssuingBureau(CurrentUser recorder, long recordId, Certificate certificate, CreditRecordKind kind) {
        String recordedBy = recorder.organisationId() == null ? recorder.username()
                : organisations.find(recorder.organisationId()).map(Organisation::name).orElse(recorder.username());
        String kindName = messages.getMessage("credit.kind." + kind.name(), null, kind.name(), Locale.SIMPLIFIED_CHINESE);
        String subject = "建议作废证书 " + certificate.number();
        String text = recordedBy + "在诚信档案中登记（记录编号 " + recordId + "）：" + certificate.holderName() + " 的“"
                + certificate.titleName() + "”证书（编号 " + certificate.number() + "）经查证存在" + kindName
                + "行为，处理决定为建议作废证书。请登录系统核实后，按程序作废该证书。";
        List<String> staff = certificate.issuingOrgId() == null ? List.of()
                : recipients.emailsOfOrganisation(certificate.issuingOrgId());
        staff.forEach(email -> notifications.email(email, "CREDIT_REVOCATION_RECOMMENDED", subject, text));
        return staff.size();
    }
}
