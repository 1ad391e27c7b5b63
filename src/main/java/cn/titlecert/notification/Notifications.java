package cn.titlecert.notification;

import java.time.Clock;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import cn.titlecert.persistence.GeneratedKey;
import cn.titlecert.privacy.Masking;
import cn.titlecert.privacy.PersonalDataCipher;

/**
 * The one way the product tells people something. A notification is written in the transaction of the act it
 * reports, so it exists exactly when the act does; delivery happens afterwards ({@link NotificationDispatcher}).
 * With {@code titlecert.notifications.delivery=outbox} (the demo) nothing is sent: the rows are the outbox.
 */
@Service
public class Notifications {

    static final String RECIPIENT_FIELD = "notification.recipient";
    private static final Logger log = LoggerFactory.getLogger(Notifications.class);

    private final NotificationMapper mapper;
    private final PersonalDataCipher cipher;
    private final Clock clock;
    private final boolean outboxOnly;

    public Notifications(NotificationMapper mapper, PersonalDataCipher cipher, Clock clock,
            @Value("${titlecert.notifications.delivery:send}") String delivery) {
        this.mapper = mapper;
        this.cipher = cipher;
        this.clock = clock;
        if (!"send".equals(delivery) && !"outbox".equals(delivery)) {
            throw new IllegalArgumentException("titlecert.notifications.delivery must be 'send' or 'outbox'");
        }
        this.outboxOnly = "outbox".equals(delivery);
    }

    /** A text message to a mobile number (already checked by {@code PhoneNumber}). */
    @Transactional(propagation = Propagation.MANDATORY)
    public long sms(String phone, String topic, String text) {
        return store(Channel.SMS, phone, Masking.phone(phone), null, topic, text);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public long email(String address, String topic, String subject, String text) {
        return store(Channel.EMAIL, address, Masking.email(address), subject, topic, text);
    }

    public boolean outboxOnly() {
        return outboxOnly;
    }

    private long store(Channel channel, String recipient, String masked, String subject, String topic, String text) {
        if (recipient == null || recipient.isBlank()) {
            throw new IllegalArgumentException("a notification needs a recipient");
        }
        Instant now = clock.instant();
        NotificationStatus status = outboxOnly ? NotificationStatus.KEPT : NotificationStatus.PENDING;
        GeneratedKey key = new GeneratedKey();
        mapper.insert(new Notification(null, channel, masked, subject, text, topic, status, 0, null, now,
                outboxOnly ? now : null), cipher.encrypt(RECIPIENT_FIELD, recipient.strip()), key);
        // The recipient is personal data: only its masked form reaches the log.
        log.info("Notification {} ({}, {}) to {} {}", key.value(), channel, topic, masked,
                outboxOnly ? "kept in the outbox" : "queued for delivery");
        return key.value();
    }
}
