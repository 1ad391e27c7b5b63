package cn.titlecert.notification;

import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.titlecert.audit.AuditTrail;
import cn.titlecert.security.CurrentUser;

/**
 * The demo's outbox: what would have been sent, newest first, for the administrator ({@code /api/admin/**}
 * is administrators only). It exists only when nothing is really sent.
 */
@RestController
@RequestMapping("/api/admin/outbox")
@ConditionalOnProperty(name = "titlecert.notifications.delivery", havingValue = "outbox")
class OutboxController {

    private final Notifications notifications;
    private final AuditTrail audit;

    OutboxController(Notifications notifications, AuditTrail audit) {
        this.notifications = notifications;
        this.audit = audit;
    }

    record OutboxEntry(long id, Channel channel, String to, String subject, String text, String topic,
            java.time.Instant sentAt) {
    }

    /**
     * The messages name holders and their certificates: each read is audited. A one-time code shows while it is
     * valid (the demo has no phone to read it on), masked once it was used or expired.
     */
    @GetMapping
    @Transactional
    List<OutboxEntry> outbox(@AuthenticationPrincipal CurrentUser user, @RequestParam(defaultValue = "100") int limit,
            @RequestParam(required = false) String topic) {
        audit.recordStaffAccess(user, "OUTBOX_READ", "notification", null, "limit=" + limit + ", topic=" + topic);
        return notifications.outbox(Math.max(1, Math.min(limit, 1000)), topic).stream()
                .map(n -> new OutboxEntry(n.id(), n.channel(), n.recipientMasked(), n.subject(), n.body(), n.topic(),
                        n.sentAt() != null ? n.sentAt() : n.createdAt()))
                .toList();
    }
}
