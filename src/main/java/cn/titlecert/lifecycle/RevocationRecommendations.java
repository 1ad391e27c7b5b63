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
        String recordedBy = nameOf(recorder);
        String kindName = messages.getMessage("credit.kind." + kind.name(), null, kind.name(), Locale.SIMPLIFIED_CHINESE);
        String subject = "建议作废证书 " + certificate.number();
        String text = recordedBy + "在诚信档案中登记（记录编号 " + recordId + "）：" + certificate.holderName() + " 的“"
                + certificate.titleName() + "”证书（编号 " + certificate.number() + "）经查证存在" + kindName
                + "行为，处理决定为建议作废证书。请登录系统核实后，按程序作废该证书。";
        return send(certificate, "CREDIT_REVOCATION_RECOMMENDED", subject, text);
    }

    /**
     * The record no longer recommends revoking this certificate (amended or withdrawn, with the reason given): the
     * bureau told before is told it is not asked to any more.
     */
    int tellWithdrawn(CurrentUser recorder, long recordId, Certificate certificate, String reason) {
        String subject = "撤回作废建议 " + certificate.number();
        String text = nameOf(recorder) + "已撤回诚信档案记录（记录编号 " + recordId + "）中对 " + certificate.holderName()
                + " 的“" + certificate.titleName() + "”证书（编号 " + certificate.number() + "）的作废建议，理由：" + reason
                + "。如尚未作废，无需再处理该建议。";
        return send(certificate, "CREDIT_REVOCATION_WITHDRAWN", subject, text);
    }

    private int send(Certificate certificate, String topic, String subject, String text) {
        List<String> staff = certificate.issuingOrgId() == null ? List.of()
                : recipients.emailsOfOrganisation(certificate.issuingOrgId());
        staff.forEach(email -> notifications.email(email, topic, subject, text));
        return staff.size();
    }

    private String nameOf(CurrentUser user) {
        return user.organisationId() == null ? user.username()
                : organisations.find(user.organisationId()).map(Organisation::name).orElse(user.username());
    }
}
