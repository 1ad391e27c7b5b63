package cn.titlecert.lifecycle;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

import cn.titlecert.persistence.GeneratedKey;

@Mapper
public interface CorrectionMapper {

    void insert(@Param("row") Correction row, @Param("key") GeneratedKey key);

    Optional<Correction> findById(long id);

    List<Correction> findByCertificate(long certificateId);

    /** Requests about certificates of this person. */
    List<Correction> findByPerson(@Param("personId") long personId, @Param("limit") int limit,
            @Param("offset") int offset);

    /**
     * Requests a staff member may see: about people employed within the tree path, or waiting for one of the
     * organisations within it (as approving unit or bureau).
     */
    List<Correction> findInScope(@Param("treePath") String treePath, @Param("limit") int limit,
            @Param("offset") int offset);

    /** Open requests whose current step waits for this organisation (approving unit or bureau). */
    List<Correction> findWaitingFor(@Param("organisationId") long organisationId);

    void setProcessInstance(@Param("id") long id, @Param("processInstanceId") String processInstanceId);

    /** Moves an open request on; 0 when it was not in the expected status. */
    int updateStatus(@Param("id") long id, @Param("from") CorrectionStatus from, @Param("to") CorrectionStatus to,
            @Param("decidedBy") String decidedBy, @Param("decisionReason") String decisionReason,
            @Param("at") Instant at);

    /** Closes a request: final status, open key released. */
    int close(@Param("id") long id, @Param("to") CorrectionStatus to, @Param("decidedBy") String decidedBy,
            @Param("decisionReason") String decisionReason, @Param("newCertificateId") Long newCertificateId,
            @Param("at") Instant at);

    void insertEvidence(@Param("row") CorrectionEvidence row, @Param("content") byte[] content,
            @Param("key") GeneratedKey key);

    List<CorrectionEvidence> findEvidence(long correctionId);

    Optional<byte[]> findEvidenceContent(@Param("correctionId") long correctionId, @Param("id") long id);
}
