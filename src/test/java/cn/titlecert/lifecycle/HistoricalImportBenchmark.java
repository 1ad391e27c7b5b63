package cn.titlecert.lifecycle;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import cn.titlecert.TestIdNumbers;
import cn.titlecert.TitlecertApplication;
import cn.titlecert.privacy.PersonalDataCipher;
import cn.titlecert.security.CurrentUser;
import cn.titlecert.security.IdentityAuthenticationProvider;

/**
 * Benchmark of the historical import (not a test): writes an .xlsx of N valid rows with SXSSF, then validates
 * and stores it as the bureau would, and prints rows/s and where the time went.
 *
 * <pre>
 * ./mvnw -q test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=cn.titlecert.lifecycle.HistoricalImportBenchmark -Dexec.args="100000 h2"
 * ... -Dexec.args="100000 mariadb"   (the local MariaDB, database titlecert_import_bench, dropped and created again)
 * ... -Dexec.args="100000 h2 0"      (third argument: rows of the warm-up import, default 20000; 0 = a cold JVM)
 * </pre>
 */
public final class HistoricalImportBenchmark {

    private HistoricalImportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        String database = args.length > 1 ? args[1] : "h2";
        int warmUp = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--titlecert.demo-applications=false",
                "--titlecert.data-dir=target/bench-import", "--logging.level.root=WARN"));
        Path data = Path.of("target", "bench-import");
        arguments.addAll(cn.titlecert.BenchmarkDatabase.prepare(database, data, "titlecert_import_bench"));
        try (ConfigurableApplicationContext context = SpringApplication.run(TitlecertApplication.class,
                arguments.toArray(String[]::new))) {
            HistoricalImportService imports = context.getBean(HistoricalImportService.class);
            CurrentUser bureau = context.getBean(IdentityAuthenticationProvider.class).load("bureau");
            if (warmUp > 0) {
                System.out.printf("warm-up import of %d rows:%n", warmUp);
                run(imports, bureau, data, warmUp, 1, database + " warm-up");
            }
            run(imports, bureau, data, rows, 2, database);
            encryptionCost(context.getBean(PersonalDataCipher.class), rows);
        }
        System.exit(0);
    }

    private static void run(HistoricalImportService imports, CurrentUser bureau, Path dir, int rows, int run,
            String label) throws Exception {
        long start = System.nanoTime();
        Path file = dir.resolve("import-" + run + ".xlsx");
        write(file, rows, run);
        System.out.printf("  wrote %,d rows with SXSSF in %.1f s (%,d KB)%n", rows, seconds(start), Files.size(file) / 1024);
        start = System.nanoTime();
        HistoricalImportService.Report report = imports.importFile(bureau, file.getFileName().toString(), file,
                ImportMode.ALL_OR_NOTHING);
        double total = seconds(start);
        if (!"IMPORTED".equals(report.outcome())) {
            throw new IllegalStateException("not imported: " + report.errors().subList(0, Math.min(5, report.errors().size())));
        }
        System.out.printf("%s: %,d rows validated and stored in %.1f s = %,.0f rows/s (%d new persons, %d for "
                + "e-certificates, %d cores)%n", label, report.imported(), total, report.imported() / total,
                report.newPersons(), report.electronicEligible(), Runtime.getRuntime().availableProcessors());
        for (Map.Entry<String, Long> phase : report.timings().entrySet()) {
            System.out.printf("    %-18s %6.1f s%n", phase.getKey(), phase.getValue() / 1000.0);
        }
    }

    /** Valid rows: distinct people (a region code per run, birth day and sequence per row), every fourth recent. */
    static void write(Path file, int rows, int run) throws Exception {
        write(file, rows, run, null);
    }

    /** @param lastRow written after the valid rows when not null (a test's bad row at the end of a large file) */
    static void write(Path file, int rows, int run, String[] lastRow) throws Exception {
        String[] titles = {"助理工程师", "工程师", "高级工程师", "正高级工程师"};
        String[] levels = {"助理级", "中级", "副高级", "正高级"};
        try (SXSSFWorkbook wb = new SXSSFWorkbook(200); OutputStream out = Files.newOutputStream(file)) {
            Sheet sheet = wb.createSheet("历史证书");
            Row header = sheet.createRow(0);
            for (int i = 0; i < HistoricalSheets.HEADERS.length; i++) {
                header.createCell(i).setCellValue(HistoricalSheets.HEADERS[i]);
            }
            LocalDate firstBirth = LocalDate.of(1960, 1, 1);
            for (int r = 0; r < rows; r++) {
                LocalDate birth = firstBirth.plusDays(r % 9000);
                int sequence = r / 9000;
                String id = TestIdNumbers.withCheckDigit(String.format("1201%02d%s%03d", run, birth.toString()
                        .replace("-", ""), sequence));
                int kind = r % 4;
                LocalDate obtained = kind == 3 ? LocalDate.of(2021, 6, 1).plusDays(r % 900)
                        : LocalDate.of(2000, 1, 1).plusDays(r % 7000);
                String[] values = {"导入人员" + (r % 1000), "", "", "居民身份证", id, r % 3 == 0 ? "139" + String.format("%08d", r) : "",
                        "工程技术", "电子信息", titles[kind], levels[kind], "社会化评审", "", obtained.toString(),
                        "天津市电子信息专业评审委员会", "天津市人力资源和社会保障局", "津人社职〔" + obtained.getYear() + "〕" + (r % 50) + "号",
                        obtained.plusDays(10).toString(), "BM" + run + String.format("%08d", r), "天津市人力资源和社会保障局",
                        obtained.plusDays(30).toString()};
                Row row = sheet.createRow(r + 1);
                for (int c = 0; c < values.length; c++) {
                    row.createCell(c).setCellValue(values[c]);
                }
            }
            if (lastRow != null) {
                Row row = sheet.createRow(rows + 1);
                for (int c = 0; c < lastRow.length; c++) {
                    row.createCell(c).setCellValue(lastRow[c]);
                }
            }
            wb.write(out);
            wb.dispose();
        }
    }

    /** What encrypting ID and phone numbers costs per row, alone (AES-GCM and the HMAC index). */
    private static void encryptionCost(PersonalDataCipher cipher, int rows) {
        for (int round = 0; round < 2; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < rows; i++) {
                cipher.encrypt("person.id_number", "12010119800512" + String.format("%04d", i % 10000));
                cipher.index("person.id_number", "RESIDENT_ID:12010119800512" + String.format("%04d", i % 10000));
            }
            System.out.printf("  %s: encryption + keyed hash of %,d ID numbers alone: %.2f s (%.1f µs per row)%n",
                    round == 0 ? "first" : "again", rows, seconds(start), (System.nanoTime() - start) / 1e3 / rows);
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
