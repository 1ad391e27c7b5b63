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

    String headHash();

    List<AuditEntry> findAfter(@Param("afterId") long afterId, @Param("limit") int limit);

    List<AuditEntry> findByEntity(@Param("entityType") String entityType, @Param("entityId") String entityId);
}
