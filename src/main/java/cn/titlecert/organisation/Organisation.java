package cn.titlecert.organisation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.ibatis.annotations.AutomapConstructor;

import cn.titlecert.certificate.TitleLevel;

/**
 * One node of the organisation tree; {@code treePath} lists the ids from the root, e.g. {@code /1/4/9/}. A committee
 * carries its approval-and-filing number (核准备案号) and the title series and levels it may review (stored
 * comma-separated). A retired organisation ({@code active} false) keeps its history but takes nothing new.
 */
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
        Instant createdAt,
        String approvalNumber,
        String reviewSeries,
        String reviewLevels,
        Instant retiredAt,
        String retiredReason) {

    @AutomapConstructor
    public Organisation {
    }

    /** An organisation without a committee's fields, never retired. */
    public Organisation(Long id, String code, String name, OrganisationType type, Long parentId, String treePath,
            String regionCode, String creditCode, boolean active, Instant createdAt) {
        this(id, code, name, type, parentId, treePath, regionCode, creditCode, active, createdAt, null, null, null,
                null, null);
    }

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

    public boolean retired() {
        return !active;
    }

    /** How many levels below the root (a root is 0). */
    public int depth() {
        return pathIds().size() - 1;
    }

    /** The series a committee may review, in the order given. */
    public List<String> reviewSeriesList() {
        return split(reviewSeries);
    }

    /** The levels a committee may review. */
    public List<TitleLevel> reviewLevelList() {
        return split(reviewLevels).stream().map(TitleLevel::valueOf).toList();
    }

    static List<String> split(String joined) {
        if (joined == null || joined.isBlank()) {
            return List.of();
        }
        return Arrays.stream(joined.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
