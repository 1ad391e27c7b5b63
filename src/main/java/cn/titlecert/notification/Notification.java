package cn.titlecert.notification;

import java.time.Instant;

/**
 * A stored notification as staff may see it: the recipient masked, the clear recipient stays encrypted. A message
 * carrying a secret (a one-time code) has {@code secretUntil}: its {@code body} is the text with the secret masked,
 * the full text is kept encrypted apart until then at most.
 */
public record Notification(Long id, Channel channel, String recipientMasked, String subject, String body,
        String topic, NotificationStatus status, int attempts, String lastError, Instant createdAt, Instant sentAt,
        Instant secretUntil) {

    public boolean secret() {
        return secretUntil != null;
    }

    /** The same notification with another text (the clear one, for whoever may read it). */
    Notification withBody(String text) {
        return new Notification(id, channel, recipientMasked, subject, text, topic, status, attempts, lastError,
                createdAt, sentAt, secretUntil);
    }
}
