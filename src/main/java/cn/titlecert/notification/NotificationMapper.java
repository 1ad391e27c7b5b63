package cn.titlecert.notification;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

import cn.titlecert.persistence.GeneratedKey;

@Mapper
public interface NotificationMapper {

    /** @param bodyCipher the full text encrypted, for a message carrying a secret; null for any other */
    void insert(@Param("row") Notification row, @Param("recipientCipher") String recipientCipher,
            @Param("bodyCipher") String bodyCipher, @Param("key") GeneratedKey key);

    /** Newest first. */
    List<Notification> findRecent(@Param("limit") int limit, @Param("topic") String topic);

    /** PENDING ones, and SENDING ones whose node stopped before finishing (claimed before {@code staleBefore}). */
    List<Long> findDeliverable(@Param("staleBefore") Instant staleBefore, @Param("limit") int limit);

    /** 1 when this node won the row (another node may try the same id at the same moment). */
    int claim(@Param("id") long id, @Param("staleBefore") Instant staleBefore, @Param("now") Instant now);

    Optional<String> findRecipientCipher(long id);

    /** Empty for a message without a secret, and for one whose secret has been purged. */
    Optional<String> findBodyCipher(long id);

    Optional<Notification> findById(long id);

    int finish(@Param("id") long id, @Param("status") NotificationStatus status, @Param("error") String error,
            @Param("sentAt") Instant sentAt);

    /** Drops the secret's encrypted text; the masked body stays. 0 when there was none (left). */
    int purgeSecret(long id);

    int purgeExpiredSecrets(@Param("now") Instant now);
}
