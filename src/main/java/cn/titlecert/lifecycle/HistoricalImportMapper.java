package cn.titlecert.lifecycle;

import java.util.List;
import java.util.Optional;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

import cn.titlecert.persistence.GeneratedKey;

@Mapper
public interface HistoricalImportMapper {

    void insertImport(@Param("row") CertificateImport row, @Param("report") byte[] report, @Param("key") GeneratedKey key);

    Optional<CertificateImport> findImport(long id);

    Optional<byte[]> findReport(long id);

    /** Of these certificate numbers, those the database holds already. */
    List<String> findExistingNumbers(@Param("numbers") List<String> numbers);

    /** Person, level, title and date of the certificates of these persons (duplicates against the database). */
    List<ExistingTitle> findTitlesOfPersons(@Param("personIds") List<Long> personIds);

    record ExistingTitle(long personId, String titleLevel, String titleName, java.time.LocalDate obtainedOn) {
    }
}
