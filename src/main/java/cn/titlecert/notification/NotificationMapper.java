package cn.titlecert.notification;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

import cn.titlecert.persistence.GeneratedKey;

@Mapper
public interface NotificationMapper {

    void insert(@Param("row") Notification row, @Param("recipientCipher") String recipientCipher,
            @Param("key") GeneratedKey key);

    /** Newest first. */
    List<Notification> findRecent(@Param("limit") int limit, @Param("topic") String topic);

    /** PENDING ones, and SENDING ones whose node stopped before finishing (claimed before {@code staleBefore}). */
    List<Long> findDeliverable(@Param("staleBefore") Instant staleBefore, @Param("limit") int limit);

    /** 1 when this node won the row (another node may try the same id at the same moment). */
    int claim(@Param("id") long id, @Param("staleBefore") Instant staleBefore, @Param("now") Instant now);

    Optional<String> findRecipientCipher(long id);

    Optional<Notification> findById(long id);

    int finish(@Param("id") long id, @Param("status") NotificationStatus status, @Param("error") String error,
            @Param("sentAt") Instant sentAt);
}
