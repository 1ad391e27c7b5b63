package cn.titlecert.audit;

import java.util.List;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

import cn.titlecert.persistence.GeneratedKey;

@Mapper
public interface AuditMapper {

    /** Locks the chain head for this transaction, so appends from several nodes form one chain. */
    String lockHeadHash();

    void insert(@Param("row") AuditEntry entry, @Param("key") GeneratedKey key);

    void updateHead(@Param("lastEntryId") long lastEntryId, @Param("lastHash") String lastHash);

    /** The last entry of the chain as the head row records it. */
    AuditChain.Head head();

    /** Entries with {@code afterId < id <= upToId}, in chain order. */
    List<AuditEntry> findChainPage(@Param("afterId") long afterId, @Param("upToId") long upToId,
            @Param("limit") int limit);

    List<AuditEntry> findByEntity(@Param("entityType") String entityType, @Param("entityId") String entityId);

    /** Newest first. */
    List<AuditEntry> search(@Param("q") AuditFilter filter, @Param("limit") int limit, @Param("offset") int offset);

    long count(@Param("q") AuditFilter filter);

    /** Oldest first, after an id: the export reads the whole selection in pages. */
    List<AuditEntry> searchAfter(@Param("q") AuditFilter filter, @Param("afterId") long afterId,
            @Param("limit") int limit);
}
