package cn.titlecert.notification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import cn.titlecert.privacy.PersonalDataCipher;

/**
 * Delivers queued notifications through the configured senders. Each row is claimed with a conditional update,
 * so several nodes share the queue without sending a message twice; a row claimed by a node that died is
 * claimed again after {@code claim-timeout}. A refused message is retried up to {@code max-attempts} times. A
 * message carrying a secret is sent with its full text while the secret is valid, and the text is purged as soon
 * as it was sent or given up.
 */
@Component
public class NotificationDispatcher {

    private static final Logger log = LoggerFactory.getLogger(NotificationDispatcher.class);

    private final NotificationMapper mapper;
    private final PersonalDataCipher cipher;
    private final Clock clock;
    private final Map<Channel, NotificationSender> senders = new EnumMap<>(Channel.class);
    private final int maxAttempts;
    private final Duration claimTimeout;
    private final boolean outboxOnly;

    public NotificationDispatcher(NotificationMapper mapper, PersonalDataCipher cipher, Clock clock,
            List<NotificationSender> senders, Notifications notifications,
            @Value("${titlecert.notifications.max-attempts:5}") int maxAttempts,
            @Value("${titlecert.notifications.claim-timeout:PT5M}") Duration claimTimeout) {
        this.mapper = mapper;
        this.cipher = cipher;
        this.clock = clock;
        senders.forEach(s -> this.senders.put(s.channel(), s));
        this.maxAttempts = maxAttempts;
        this.claimTimeout = claimTimeout;
        this.outboxOnly = notifications.outboxOnly();
        if (!outboxOnly) {
            for (Channel channel : Channel.values()) {
                if (!this.senders.containsKey(channel)) {
                    log.warn("No sender is configured for {}: such notifications wait in the queue", channel);
                }
            }
        }
    }

    @Scheduled(fixedDelayString = "${titlecert.notifications.poll-interval:PT15S}",
            initialDelayString = "${titlecert.notifications.poll-interval:PT15S}")
    public void dispatchScheduled() {
        if (!outboxOnly) {
            dispatch(200);
        }
    }

    /** Delivers up to {@code limit} queued notifications; returns how many were sent. */
    public int dispatch(int limit) {
        Instant now = clock.instant();
        Instant staleBefore = now.minus(claimTimeout);
        int sent = 0;
        for (long id : mapper.findDeliverable(staleBefore, limit)) {
            Notification n = mapper.findById(id).orElse(null);
            NotificationSender sender = n == null ? null : senders.get(n.channel());
            if (sender == null || mapper.claim(id, staleBefore, now) != 1) {
                continue;
            }
            Optional<String> body = n.secret() ? secretText(n, now) : Optional.of(n.body());
            if (body.isEmpty()) {
                // A code that expired, or whose check was closed, before it went out: sending it now would only mislead.
                mapper.finish(id, NotificationStatus.FAILED, "secret expired before delivery", null);
                mapper.purgeSecret(id);
                log.warn("Notification {} to {} not delivered: its secret expired first", id, n.recipientMasked());
                continue;
            }
            String recipient = cipher.decrypt(Notifications.RECIPIENT_FIELD, mapper.findRecipientCipher(id).orElseThrow());
            try {
                sender.deliver(recipient, n.subject(), body.get());
                mapper.finish(id, NotificationStatus.SENT, null, clock.instant());
                purgeIfSecret(n);
                sent++;
            } catch (Exception e) {
                boolean giveUp = n.attempts() + 1 >= maxAttempts;
                String error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
                mapper.finish(id, giveUp ? NotificationStatus.FAILED : NotificationStatus.PENDING,
                        error.length() > 500 ? error.substring(0, 500) : error, null);
                if (giveUp) {
                    purgeIfSecret(n);
                }
                log.warn("Notification {} to {} not delivered (attempt {}{}): {}", id, n.recipientMasked(),
                        n.attempts() + 1, giveUp ? ", giving up" : "", e.getClass().getSimpleName());
            }
        }
        return sent;
    }

    /** The full text of a message carrying a secret, while the secret is still valid and not purged. */
    private Optional<String> secretText(Notification n, Instant now) {
        if (!now.isBefore(n.secretUntil())) {
            return Optional.empty();
        }
        return mapper.findBodyCipher(n.id()).map(c -> cipher.decrypt(Notifications.BODY_FIELD, c));
    }

    /** Delivered, or given up: the secret is not kept a moment longer than its delivery needs. */
    private void purgeIfSecret(Notification n) {
        if (n.secret()) {
            mapper.purgeSecret(n.id());
        }
    }
}
