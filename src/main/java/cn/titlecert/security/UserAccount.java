package cn.titlecert.security;

import java.time.Instant;

/** The product's side of an account: the organisation it acts for, and for a holder the person. */
public record UserAccount(String username, String displayName, Long organisationId, Long personId, boolean enabled,
        Instant createdAt) {
}
