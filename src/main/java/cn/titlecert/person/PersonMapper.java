package cn.titlecert.person;

import java.util.List;
import java.util.Optional;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

import cn.titlecert.persistence.GeneratedKey;

@Mapper
public interface PersonMapper {

    void insert(@Param("row") PersonRow row, @Param("key") GeneratedKey key);

    List<PersonRow> findByIdNumberHashes(@Param("hashes") List<String> idNumberHashes);

    Optional<PersonRow> findById(long id);

    Optional<PersonRow> findByIdNumberHash(@Param("idType") IdType idType, @Param("hash") String idNumberHash);

    List<PersonRow> findByPhoneHash(String phoneHash);

    /** Persons employed by an organisation at or below the given tree path. */
    List<PersonRow> findInScope(@Param("treePath") String treePath, @Param("limit") int limit,
            @Param("offset") int offset);

    /** Locks the person's row until the transaction ends (serialises photo uploads for one person). */
    Optional<Long> lockById(long id);

    /**
     * Whether the person is employed by an organisation at or below the tree path: the reach of staff over a
     * person's own records (photo, credit archive). Naming the person in an application adds nothing to it.
     */
    boolean isEmployedWithin(@Param("id") long id, @Param("treePath") String treePath);

    /**
     * Whether an application of the person has its review body at or below the tree path; with
     * {@code awaitingCertificateOnly}, only a committee result (social or self review) neither rejected nor issued
     * yet: the case whose photo its organizing unit collects (R9, R15).
     */
    boolean hasApplicationReviewedWithin(@Param("id") long id, @Param("treePath") String treePath,
            @Param("awaitingCertificateOnly") boolean awaitingCertificateOnly);

    /** Whether an application of the person is issued by a bureau at or below the tree path. */
    boolean hasApplicationIssuedWithin(@Param("id") long id, @Param("treePath") String treePath);

    int updatePhone(@Param("id") long id, @Param("phoneEnc") String phoneEnc, @Param("phoneHash") String phoneHash,
            @Param("phoneMasked") String phoneMasked);

    /** A corrected identity (R17): name, gender, birth date and ID number together. */
    int updateIdentity(@Param("id") long id, @Param("name") String name, @Param("gender") Gender gender,
            @Param("birthDate") java.time.LocalDate birthDate, @Param("idNumberEnc") String idNumberEnc,
            @Param("idNumberHash") String idNumberHash, @Param("idNumberMasked") String idNumberMasked,
            @Param("at") java.time.Instant at);
}
