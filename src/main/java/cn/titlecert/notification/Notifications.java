package cn.titlecert.notification;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
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
 * A message carrying a secret (a one-time code) keeps its full text encrypted and only as long as it is needed:
 * until it is sent, its act is over ({@link #purgeSecret}) or its secret expires ({@link #purgeExpiredSecrets}).
 */
@Service
public class Notifications {

    static final String RECIPIENT_FIELD = "notification.recipient";
    static final String BODY_FIELD = "notification.body";
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
        return store(Channel.SMS, phone, Masking.phone(phone), null, topic, text, null, null);
    }

    /**
     * A text message carrying a secret: {@code text} is stored encrypted and read only until {@code secretUntil};
     * {@code withoutSecret} (the same text with the secret masked) is what stays.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public long secretSms(String phone, String topic, String text, String withoutSecret, Instant secretUntil) {
        Objects.requireNonNull(secretUntil, "secretUntil");
        if (withoutSecret == null || withoutSecret.equals(text)) {
            throw new IllegalArgumentException("a secret message needs a text without the secret");
        }
        return store(Channel.SMS, phone, Masking.phone(phone), null, topic, withoutSecret, text, secretUntil);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public long email(String address, String topic, String subject, String text) {
        return store(Channel.EMAIL, address, Masking.email(address), subject, topic, text, null, null);
    }

    /** The secret's text is no longer needed (its code was used or locked): only the masked text stays. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void purgeSecret(long id) {
        mapper.purgeSecret(id);
    }

    /** Every node runs it; one statement, so they do not get in each other's way. */
    @Scheduled(fixedDelayString = "${titlecert.notifications.secret-purge-interval:PT1M}",
            initialDelayString = "${titlecert.notifications.secret-purge-interval:PT1M}")
    @Transactional
    public int purgeExpiredSecrets() {
        return mapper.purgeExpiredSecrets(clock.instant());
    }

    /**
     * The demo outbox, newest first, as the administrator reads it: a secret in clear while it is valid and not
     * purged, masked after.
     */
    @Transactional(readOnly = true)
    public List<Notification> outbox(int limit, String topic) {
        Instant now = clock.instant();
        return mapper.findRecent(limit, topic).stream().map(n -> readable(n, now)).toList();
    }

    private Notification readable(Notification n, Instant now) {
        if (!n.secret() || !now.isBefore(n.secretUntil())) {
            return n;
        }
        return mapper.findBodyCipher(n.id()).map(c -> n.withBody(cipher.decrypt(BODY_FIELD, c))).orElse(n);
    }

    public boolean outboxOnly() {
        return outboxOnly;
    }

    private long store(Channel channel, String recipient, String masked, String subject, String topic, String text,
            String secretText, Instant secretUntil) {
        if (recipient == null || recipient.isBlank()) {
            throw new IllegalArgumentException("a notification needs a recipient");
        }
        Instant now = clock.instant();
        NotificationStatus status = outboxOnly ? NotificationStatus.KEPT : NotificationStatus.PENDING;
        GeneratedKey key = new GeneratedKey();
        mapper.insert(new Notification(null, channel, masked, subject, text, topic, status, 0, null, now,
                outboxOnly ? now : null, secretUntil), cipher.encrypt(RECIPIENT_FIELD, recipient.strip()),
                secretText == null ? null : cipher.encrypt(BODY_FIELD, secretText), key);
        // The recipient is personal data: only its masked form reaches the log (and never a text).
        log.info("Notification {} ({}, {}) to {} {}", key.value(), channel, topic, masked,
                outboxOnly ? "kept in the outbox" : "queued for delivery");
        return key.value();
    }
}
