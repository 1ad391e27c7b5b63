package cn.titlecert.verification;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
public interface ThirdPartyCheckMapper {

    /**
     * @param phoneIndex       the keyed hash of the phone asked for (every request, matching or not)
     * @param certificateIndex the keyed hash of the certificate number asked for
     * @param notificationId   the text message carrying the code (a matching request only)
     */
    record Row(Long id, String publicId, Long certificateId, String codeHash, String status, int attempts,
            Instant expiresAt, Instant createdAt, Instant confirmedAt, String phoneIndex, String certificateIndex,
            Long notificationId) {
    }

    void insert(@Param("row") Row row);

    /**
     * Locks the given rows of {@code third_party_check_lock} until the transaction ends (in ascending order, so two
     * requests never wait for each other the other way round).
     */
    List<Integer> lockStripes(@Param("stripes") List<Integer> stripes);

    OneTimeCodes.Requests countByPhoneSince(@Param("phoneIndex") String phoneIndex, @Param("since") Instant since);

    OneTimeCodes.Requests countByCertificateSince(@Param("certificateIndex") String certificateIndex, @Param("since") Instant since);

    Optional<Row> findByPublicId(String publicId);

    /** Counts a wrong code; 0 when the check is no longer open (another request counted the last try). */
    int countAttempt(@Param("id") long id, @Param("maxAttempts") int maxAttempts);

    int lock(long id);

    /** 1 for the request that confirms it; a second confirmation of the same code finds it closed. */
    int confirm(@Param("id") long id, @Param("at") Instant at);

    int setExpiry(@Param("id") long id, @Param("expiresAt") Instant expiresAt);
}
