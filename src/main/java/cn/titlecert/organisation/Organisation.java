package cn.titlecert.organisation;

import java.time.Instant;

/** One node of the organisation tree; {@code treePath} lists the ids from the root, e.g. {@code /1/4/9/}. */
public record Organisation(
        Long id,
        String code,
        String name,
        OrganisationType type,
        Long parentId,
        String treePath,
        String regionCode,
        String creditCode,
        boolean active,
        Instant createdAt) {

    /** Whether {@code other} is this organisation or one below it. */
    public boolean covers(Organisation other) {
        return other.treePath().startsWith(treePath);
    }
}
