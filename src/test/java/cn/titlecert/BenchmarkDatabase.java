package cn.titlecert;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;

import org.springframework.util.FileSystemUtils;

/** The database a benchmark command runs on: a fresh H2 file, or a fresh database on the local MariaDB. */
public final class BenchmarkDatabase {

    private BenchmarkDatabase() {
    }

    /**
     * Empties the data folder and, for {@code mariadb}, drops and creates the named database; returns the Spring
     * arguments (profiles and datasource URL) that point the product at it.
     */
    public static List<String> prepare(String database, Path dataDir, String mariadbName) throws Exception {
        FileSystemUtils.deleteRecursively(dataDir);
        Files.createDirectories(dataDir);
        if ("mariadb".equals(database)) {
            try (Connection c = DriverManager.getConnection("jdbc:mysql://127.0.0.1:3306/?useSSL=false", "root", "");
                    Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + mariadbName);
                s.execute("CREATE DATABASE " + mariadbName + " CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci");
            }
            // openTelemetry=DISABLED: the product's class path holds no OpenTelemetry, the tests' does (Selenium brings
            // it), and Connector/J opens a span for every statement when it finds the API (1% of a benchmark's JVM time).
            return List.of("--spring.profiles.active=test,mariadb",
                    "--spring.datasource.url=jdbc:mysql://127.0.0.1:3306/" + mariadbName + "?sendFractionalSeconds=false"
                            + "&characterEncoding=UTF-8&useSSL=false&allowPublicKeyRetrieval=true&nullDatabaseMeansCurrent=true"
                            + "&openTelemetry=DISABLED");
        }
        return List.of("--spring.profiles.active=test",
                "--spring.datasource.url=jdbc:h2:file:./" + dataDir.resolve("h2").resolve("titlecert")
                        + ";DB_CLOSE_ON_EXIT=FALSE");
    }
}
