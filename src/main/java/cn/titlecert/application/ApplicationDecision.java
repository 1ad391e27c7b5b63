package cn.titlecert.application;

import java.time.Instant;

/** One review decision in the history of an application. */
public record ApplicationDecision(Long id, long applicationId, String step, Decision decision, String reason,
        String decidedBy, Long organisationId, Instant decidedAt) {
}
