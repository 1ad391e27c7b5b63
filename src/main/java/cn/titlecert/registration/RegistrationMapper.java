package cn.titlecert.registration;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

import cn.titlecert.verification.OneTimeCodes;

@Mapper
public interface RegistrationMapper {

    /**
     * @param outcome        what a right code leads to: {@code EXISTING} (the person's account), {@code NEW_PERSON}
     *                       (a person made from the details), {@code NONE} (no code can be right)
     * @param detailsCipher  the details entered, encrypted (a new person is made from them); purged when it is over
     */
    record Row(Long id, String publicId, String outcome, Long personId, String detailsCipher, String codeHash,
            String status, int attempts, String phoneIndex, String idNumberIndex, Long notificationId, String username,
            Instant expiresAt, Instant createdAt, Instant confirmedAt) {
    }

    void insert(@Param("row") Row row);

    /** Locks the given rows of {@code holder_registration_lock} until the transaction ends (ascending order). */
    List<Integer> lockStripes(@Param("stripes") List<Integer> stripes);

    OneTimeCodes.Requests countByPhoneSince(@Param("phoneIndex") String phoneIndex, @Param("since") Instant since);

    OneTimeCodes.Requests countByIdNumberSince(@Param("idNumberIndex") String idNumberIndex,
            @Param("since") Instant since);

    Optional<Row> findByPublicId(String publicId);

    /** Locks the registration's row until the transaction ends (two confirmations of one code run one by one). */
    Optional<Row> lockByPublicId(String publicId);

    /** Counts a wrong code; 0 when the registration is no longer open. */
    int countAttempt(@Param("id") long id, @Param("maxAttempts") int maxAttempts);

    /** Ends it without an account (locked or expired): the details entered are dropped. */
    int close(@Param("id") long id, @Param("status") String status);

    /** 1 for the request that completes it; the details entered are dropped. */
    int complete(@Param("id") long id, @Param("username") String username, @Param("at") Instant at);

    /** Ends every open registration past its expiry: the details entered are dropped. */
    int closeExpired(@Param("now") Instant now);

    int setExpiry(@Param("id") long id, @Param("expiresAt") Instant expiresAt);
}
