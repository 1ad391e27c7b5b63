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
     * Whether staff with this scope reach the person: through the person's employer, or as (or above) the review
     * body of one of the person's applications (the committee's organizing unit that collects the photos).
     */
    boolean isInScope(@Param("id") long id, @Param("treePath") String treePath);

    int updatePhone(@Param("id") long id, @Param("phoneEnc") String phoneEnc, @Param("phoneHash") String phoneHash,
            @Param("phoneMasked") String phoneMasked);

    /** A corrected identity (R17): name, gender, birth date and ID number together. */
    int updateIdentity(@Param("id") long id, @Param("name") String name, @Param("gender") Gender gender,
            @Param("birthDate") java.time.LocalDate birthDate, @Param("idNumberEnc") String idNumberEnc,
            @Param("idNumberHash") String idNumberHash, @Param("idNumberMasked") String idNumberMasked,
            @Param("at") java.time.Instant at);
}
