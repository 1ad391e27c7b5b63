package cn.titlecert.lifecycle;

import java.util.List;
import java.util.Optional;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

import cn.titlecert.persistence.GeneratedKey;

@Mapper
public interface CreditRecordMapper {

    void insert(@Param("row") CreditRecordRow row, @Param("key") GeneratedKey key);

    Optional<CreditRecordRow> findById(long id);

    /** Locks the record until the transaction ends, so two amendments cannot interleave. */
    Optional<Long> lockById(long id);

    /**
     * Records visible with this scope: made by an organisation at or below {@code scopePath} or, when
     * {@code personsInScope}, about a person employed there. {@code scopePath} null: all.
     */
    List<CreditRecordRow> find(@Param("personId") Long personId, @Param("status") CreditRecordStatus status,
            @Param("scopePath") String scopePath, @Param("personsInScope") boolean personsInScope,
            @Param("limit") int limit, @Param("offset") int offset);

    int update(@Param("row") CreditRecordRow row);

    void insertEvidence(@Param("recordId") long recordId, @Param("fileName") String fileName,
            @Param("contentType") String contentType, @Param("sizeBytes") int sizeBytes, @Param("sha256") String sha256,
            @Param("content") byte[] contentEnc, @Param("uploadedBy") String uploadedBy,
            @Param("uploadedAt") java.time.Instant uploadedAt, @Param("key") GeneratedKey key);

    List<CreditEvidence> findEvidence(long recordId);

    Optional<byte[]> findEvidenceContent(@Param("recordId") long recordId, @Param("evidenceId") long evidenceId);

    void insertEvent(@Param("recordId") long recordId, @Param("act") String act,
            @Param("changedFields") String changedFields, @Param("reason") String reason, @Param("actor") String actor,
            @Param("organisationId") Long organisationId, @Param("occurredAt") java.time.Instant occurredAt);

    List<CreditRecordEvent> findEvents(long recordId);
}
