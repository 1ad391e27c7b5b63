package cn.titlecert.notification;

/**
 * KEPT: written to the outbox only (the demo: nothing leaves the machine). PENDING: waiting for delivery,
 * SENDING: claimed by a node, SENT: handed to the gateway, FAILED: gave up after the configured attempts.
 */
public enum NotificationStatus {
    KEPT, PENDING, SENDING, SENT, FAILED
}
