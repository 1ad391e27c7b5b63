package cn.titlecert.lifecycle;

import java.time.LocalDate;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Imports of historical certificates ({@code titlecert.imports.*}).
 *
 * @param electronicSince titles obtained on or after this day can get an e-certificate; older records are only
 *        verifiable (Guizhou: "2020 年度及之后获得的职称可以下载电子证书，之前的证书信息仅提供查询功能")
 * @param maxFileSize the largest .xlsx accepted
 * @param maxRows the most data rows in one file
 * @param maxInflatedSize the most bytes all entries of the .xlsx may inflate to (zip bombs are refused before reading)
 * @param titleCatalogue the series and the title name of each level (CSV: series,level,level_zh,title), which an
 *        administrator extends by pointing this at a file of their own
 */
@ConfigurationProperties("titlecert.imports")
public record ImportSettings(
        @DefaultValue("2020-01-01") LocalDate electronicSince,
        @DefaultValue("20MB") DataSize maxFileSize,
        @DefaultValue("200000") int maxRows,
        @DefaultValue("1GB") DataSize maxInflatedSize,
        @DefaultValue("classpath:lifecycle/title-catalogue.csv") String titleCatalogue) {
}
