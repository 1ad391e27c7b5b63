package cn.titlecert.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The hash chain of the audit trail: how an entry's hash is made, and the walk that checks every entry against
 * its content and its predecessor. Shared by the application and the stand-alone verification command.
 */
public final class AuditChain {

    /** The hash before the first entry. */
    public static final String GENESIS = "0".repeat(64);

    /** Entries read per query: the walk keeps only one page in memory, whatever the length of the log. */
    public static final int PAGE_SIZE = 2000;

    private AuditChain() {
    }

    /** The head row: the last entry appended and its hash. */
    public record Head(Long lastEntryId, String lastHash) {
    }

    /**
     * The outcome: {@code entries} checked before the first problem (all of them when intact); where broken, the
     * first bad entry's id and what is wrong with it.
     */
    public record Check(boolean intact, long entries, Long firstBrokenEntryId, Problem problem) {
    }

    public enum Problem {
        /** The entry's content no longer matches its hash: it was edited. */
        CONTENT_CHANGED,
        /** The entry does not follow the one before it: an entry before it was removed (or one inserted). */
        LINK_BROKEN,
        /** The last entry the head names is missing: the newest entries were removed. */
        HEAD_MISMATCH
    }

    /** Reads entries with {@code afterId < id <= upToId} in id order, at most {@code limit}. */
    @FunctionalInterface
    public interface Pages {
        List<AuditEntry> read(long afterId, long upToId, int limit);
    }

    /**
     * Walks the chain up to the entry the head names (entries appended during the walk are left to the next
     * check), so a log of any length is checked in constant memory, one page per query.
     */
    public static Check walk(Head head, Pages pages) {
        long upTo = head == null || head.lastEntryId() == null ? 0 : head.lastEntryId();
        String expectedPrev = GENESIS;
        long lastId = 0;
        long count = 0;
        while (true) {
            List<AuditEntry> page = pages.read(lastId, upTo, PAGE_SIZE);
            if (page.isEmpty()) {
                break;
            }
            for (AuditEntry e : page) {
                if (!e.entryHash().equals(hash(e))) {
                    return new Check(false, count, e.id(), Problem.CONTENT_CHANGED);
                }
                if (!e.prevHash().equals(expectedPrev)) {
                    return new Check(false, count, e.id(), Problem.LINK_BROKEN);
                }
                expectedPrev = e.entryHash();
                lastId = e.id();
                count++;
            }
        }
        String headHash = head == null ? GENESIS : head.lastHash();
        if (!Objects.equals(headHash, expectedPrev) || lastId != upTo) {
            return new Check(false, count, upTo == 0 ? null : upTo, Problem.HEAD_MISMATCH);
        }
        return new Check(true, count, null, null);
    }

    static String hash(AuditEntry e) {
        String canonical = String.join("\u001f", e.prevHash(), String.valueOf(e.occurredAt().getEpochSecond()),
                e.actor(), String.valueOf(e.organisationId()), e.action(), String.valueOf(e.entityType()),
                String.valueOf(e.entityId()), String.valueOf(e.detail()), String.valueOf(e.reason()),
                String.valueOf(e.remoteAddr()));
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e1) {
            throw new IllegalStateException(e1);
        }
    }
}
