package cn.titlecert.notification;

import java.nio.charset.StandardCharsets;

import jakarta.mail.internet.MimeMessage;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/** E-mail through the SMTP server of {@code spring.mail.*} (present only when {@code spring.mail.host} is set). */
@Component
// Spring Boot creates the JavaMailSender exactly when spring.mail.host is set.
@ConditionalOnProperty(name = "spring.mail.host")
class SmtpEmailSender implements NotificationSender {

    private final JavaMailSender mail;
    private final String from;

    SmtpEmailSender(JavaMailSender mail, @Value("${titlecert.notifications.email-from:noreply@titlecert.invalid}") String from) {
        this.mail = mail;
        this.from = from;
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public void deliver(String recipient, String subject, String body) throws Exception {
        MimeMessage message = mail.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, StandardCharsets.UTF_8.name());
        helper.setFrom(from);
        helper.setTo(recipient);
        helper.setSubject(subject == null ? "" : subject);
        helper.setText(body, false);
        mail.send(message);
    }
}
