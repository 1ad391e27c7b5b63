package cn.titlecert.dashboard;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

/** Reads for the dashboard and the gauges; every read but the gauges' is limited to one organisation subtree. */
@Mapper
public interface DashboardMapper {

    record IssuedRow(int yearNumber, int monthNumber, String path, String level, long n) {
    }

    record OpenStepRow(String step, long organisationId, String organisationName, Instant waitingSince,
            String businessKey) {
    }

    record LateUploadRow(long applicationId, String path, String reviewBody, LocalDate resultsFiledOn,
            LocalDate uploadDeadline, Instant uploadedAt, String status, long openEscalations) {
    }

    record PhotoWaitRow(long applicationId, String issuanceMonth, String path, String employer, Instant waitingSince) {
    }

    record StatusCount(String status, long n) {
    }

    List<IssuedRow> issuedPerMonth(@Param("treePath") String treePath, @Param("from") LocalDate from,
            @Param("to") LocalDate to);

    List<OpenStepRow> openReviewSteps(@Param("treePath") String treePath, @Param("steps") Collection<String> steps);

    long countLateUploads(@Param("treePath") String treePath);

    List<LateUploadRow> lateUploads(@Param("treePath") String treePath, @Param("limit") int limit);

    long countWaitingForPhoto(@Param("treePath") String treePath);

    List<PhotoWaitRow> waitingForPhoto(@Param("treePath") String treePath, @Param("limit") int limit);

    List<String> processesInScope(@Param("treePath") String treePath, @Param("ids") Collection<String> ids);

    List<Long> applicationsInScope(@Param("treePath") String treePath, @Param("ids") Collection<Long> ids);

    List<StatusCount> countItemsByStatus();
}
