package cn.titlecert.application;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

import cn.titlecert.persistence.GeneratedKey;

@Mapper
public interface ApplicationMapper {

    void insert(@Param("row") Application application, @Param("key") GeneratedKey key);

    Optional<Application> findById(long id);

    List<Application> findByPerson(long personId);

    /** Applications whose employer lies at or below the given tree path. */
    List<Application> findInScope(@Param("treePath") String treePath, @Param("status") ApplicationStatus status,
            @Param("limit") int limit, @Param("offset") int offset);

    /**
     * What a staff member may see: the employer or the review body lies at or below the given path.
     * Optional filters: status, path, late uploads only.
     */
    List<Application> findVisible(@Param("treePath") String treePath, @Param("status") ApplicationStatus status,
            @Param("path") AcquisitionPath path, @Param("lateOnly") boolean lateOnly, @Param("limit") int limit,
            @Param("offset") int offset);

    /** Optimistic update: returns 0 when someone else changed the row since {@code version} was read. */
    int updateState(@Param("id") long id, @Param("version") int version, @Param("status") ApplicationStatus status,
            @Param("waitingStep") String waitingStep, @Param("processInstanceId") String processInstanceId,
            @Param("issuanceMonth") String issuanceMonth, @Param("updatedAt") Instant updatedAt);

    /** Progress reported by the process (the engine serialises the steps of one case). */
    int updateProgress(@Param("id") long id, @Param("status") ApplicationStatus status,
            @Param("waitingStep") String waitingStep, @Param("issuanceMonth") String issuanceMonth,
            @Param("updatedAt") Instant updatedAt);

    int setProcessInstance(@Param("id") long id, @Param("processInstanceId") String processInstanceId);

    /** A case collected by a later month's batch (it was approved after its own month's check) moves with it. */
    int moveToIssuanceMonth(@Param("batchId") long batchId, @Param("month") String month);

    long countApprovedWithoutBatch(@Param("bureauId") long bureauId, @Param("month") String month);

    /** A rejected case no longer blocks a new application for the same title. */
    int clearDuplicateGuard(long id);

    int setUploadDeadline(@Param("id") long id, @Param("deadline") LocalDate deadline, @Param("late") boolean late);

    /** The applicant's corrections after a return; only while RETURNED and at the version read. */
    int updateContent(@Param("row") Application application);

    void insertDecision(@Param("row") ApplicationDecision decision, @Param("key") GeneratedKey key);

    List<ApplicationDecision> findDecisions(long applicationId);

    void insertBatch(@Param("organisationId") long organisationId, @Param("uploadedBy") String uploadedBy,
            @Param("fileName") String fileName, @Param("rowCount") int rowCount, @Param("uploadedAt") Instant uploadedAt,
            @Param("key") GeneratedKey key);
}
