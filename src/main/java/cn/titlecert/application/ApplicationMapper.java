package cn.titlecert.application;

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

    /** Optimistic update: returns 0 when someone else changed the row since {@code version} was read. */
    int updateState(@Param("id") long id, @Param("version") int version, @Param("status") ApplicationStatus status,
            @Param("waitingStep") String waitingStep, @Param("processInstanceId") String processInstanceId,
            @Param("issuanceMonth") String issuanceMonth, @Param("updatedAt") java.time.Instant updatedAt);

    void insertDecision(@Param("row") ApplicationDecision decision, @Param("key") GeneratedKey key);

    List<ApplicationDecision> findDecisions(long applicationId);
}
