package cn.titlecert.security;

import java.time.Instant;
import java.util.Optional;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
public interface LoginThrottleMapper {

    record Row(String subject, int failures, Instant lastFailureAt, Instant blockedUntil) {
    }

    Optional<Row> find(String subject);

    int update(@Param("subject") String subject, @Param("failures") int failures, @Param("lastFailureAt") Instant at,
            @Param("blockedUntil") Instant blockedUntil);

    void insert(@Param("subject") String subject, @Param("failures") int failures, @Param("lastFailureAt") Instant at,
            @Param("blockedUntil") Instant blockedUntil);

    int delete(String subject);
}
