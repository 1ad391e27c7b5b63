package cn.titlecert.verification;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

import cn.titlecert.persistence.GeneratedKey;

@Mapper
public interface AnnotationMapper {

    void insert(@Param("row") Annotation annotation, @Param("pdf") byte[] pdf, @Param("key") GeneratedKey key);

    Optional<Annotation> findById(long id);

    Optional<Annotation> findByTokenHash(String verifyTokenHash);

    Optional<Annotation> findByPdfSha256(String sha256);

    /** Newest first. */
    List<Annotation> findByCertificate(long certificateId);

    /** Annotations of the certificate made on or after the day (the current period). */
    int countSince(@Param("certificateId") long certificateId, @Param("since") LocalDate since);

    Optional<byte[]> findPdf(long id);

    /** Locks the certificate's row, so two requests at once cannot both pass the per-period limit. */
    Long lockCertificate(long certificateId);
}
