package cn.titlecert.organisation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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

    /** The ids on the path from the root down to this organisation, this one last. */
    public List<Long> pathIds() {
        List<Long> ids = new ArrayList<>();
        for (String part : treePath.split("/")) {
            if (!part.isEmpty()) {
                ids.add(Long.parseLong(part));
            }
        }
        return ids;
    }

    /** Whether {@code other} is this organisation or one below it. */
    public boolean covers(Organisation other) {
        return other.treePath().startsWith(treePath);
    }
}
