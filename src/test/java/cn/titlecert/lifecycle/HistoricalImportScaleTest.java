package cn.titlecert.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.titlecert.TestIdNumbers;

/**
 * The import at the size the issue names, with the product's own limits: 100,000 good rows and one bad row at the
 * end are read and checked in full, the bad row is named by its spreadsheet row, and nothing is stored. (How fast a
 * good file of that size is stored is the benchmark's business, not a test's.)
 */
@SpringBootTest
@AutoConfigureMockMvc
class HistoricalImportScaleTest {

    @Autowired MockMvc mvc;
    @Autowired JdbcTemplate jdbc;
    @Autowired ObjectMapper json;

    @Test
    void aHundredThousandRowsWithOneBadRowAtTheEndImportNothingAndNameThatRow() throws Exception {
        Path file = Files.createTempFile("historical-100k", ".xlsx");
        try {
            String[] bad = HistoricalSheets.old("末行错误", TestIdNumbers.withWrongCheckDigit(HistoricalSheets.idNumber()),
                    HistoricalSheets.number());
            HistoricalImportBenchmark.write(file, 100_000, 77, bad);
            int before = jdbc.queryForObject("SELECT COUNT(*) FROM certificate", Integer.class);
            String body = mvc.perform(multipart("/api/imports/certificates").file(new MockMultipartFile("file",
                    "历史证书.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    Files.readAllBytes(file))).with(httpBasic("bureau", "demo")))
                    .andExpect(status().isUnprocessableEntity()).andReturn().getResponse().getContentAsString();
            JsonNode report = json.readTree(body);
            assertThat(report.get("total").asInt()).isEqualTo(100_001);
            assertThat(report.get("rejected").asInt()).isEqualTo(1);
            assertThat(report.get("imported").asInt()).isZero();
            assertThat(report.get("errors")).hasSize(1);
            assertThat(report.get("errors").get(0).get("row").asInt()).as("the spreadsheet's row number")
                    .isEqualTo(100_002);
            assertThat(report.get("errors").get(0).get("code").asText()).isEqualTo("id-number.check-digit");
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM certificate", Integer.class))
                    .as("all or nothing, at scale too").isEqualTo(before);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
