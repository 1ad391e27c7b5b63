package cn.titlecert.certificate;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

import cn.titlecert.persistence.GeneratedKey;

@Mapper
public interface CertificateMapper {

    void insert(@Param("row") Certificate certificate, @Param("pdf") byte[] pdf, @Param("key") GeneratedKey key);

    Optional<Certificate> findByNumber(String number);

    Optional<Certificate> findById(long id);

    Optional<Certificate> findByTokenHash(String verifyTokenHash);

    List<Certificate> findByPerson(long personId);

    /** Certificates of people employed at or below the given tree path. */
    List<Certificate> findInScope(@Param("treePath") String treePath, @Param("limit") int limit,
            @Param("offset") int offset);

    /** The certificate an earlier generation with this key produced (see {@code CertificateIssuer}). */
    Optional<Certificate> findByGenerationKey(String generationKey);

    /** The certificate whose signed PDF, as issued, has this SHA-256 (hex). */
    Optional<Certificate> findByPdfSha256(String sha256);

    /** Certificates flagged for rare characters (R12) of people employed at or below the tree path. */
    List<Certificate> findFlaggedInScope(@Param("treePath") String treePath, @Param("limit") int limit,
            @Param("offset") int offset);

    Optional<byte[]> findPdf(String number);

    /** Whether the certificate is an imported historical paper certificate's record (no PDF of ours). */
    boolean isImported(String number);

    /** The imported paper certificate's record a case of a historical import came from. */
    Optional<Certificate> findImportedByApplication(long applicationId);

    /** Revokes a valid certificate; 0 when it was not valid any more. */
    default int revoke(String number, Instant at, String by, String remark) {
        return revokeFor(number, at, by, null, remark);
    }

    /** Revokes a valid certificate with a reason code (R16); 0 when it was not valid any more. */
    int revokeFor(@Param("number") String number, @Param("at") Instant at, @Param("by") String by,
            @Param("reason") String reason, @Param("remark") String remark);

    /** Makes a revoked certificate valid again (its own audited act); 0 when it was not revoked. */
    int reinstate(@Param("number") String number, @Param("at") Instant at, @Param("by") String by,
            @Param("reason") String reason);

    /** The revocation and reinstatement details kept beside the certificate. */
    Optional<RevocationRecord> findRevocation(String number);

    /** The old certificate is replaced by the new one (R17); 0 when the old one was not valid any more. */
    int supersede(@Param("oldId") long oldId, @Param("newId") long newId);

    /** Records which certificate a new one replaces. */
    int linkSupersedes(@Param("oldId") long oldId, @Param("newId") long newId);

    /** The certificate that superseded this one, if any. */
    Optional<Certificate> findSuccessor(long id);

    /** Whether an electronic file exists: a paper certificate's record has none. */
    boolean hasPdf(long id);
}
