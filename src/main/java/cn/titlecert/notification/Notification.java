package cn.titlecert.notification;

import java.time.Instant;

/** A stored notification as staff may see it: the recipient masked, the clear recipient stays encrypted. */
public record Notification(Long id, Channel channel, String recipientMasked, String subject, String body,
        String topic, NotificationStatus status, int attempts, String lastError, Instant createdAt, Instant sentAt) {
}
