package cn.titlecert.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import cn.titlecert.application.AcquisitionPath;
import cn.titlecert.application.ApplicationStatus;
import cn.titlecert.certificate.CertificateStatus;
import cn.titlecert.organisation.OrganisationType;
import cn.titlecert.security.Role;

/** Every text exists in both languages, and every key the code and the pages use exists. */
class I18nPropertiesSyncTest {

    private static final Pattern TEMPLATE_KEY = Pattern.compile("#\\{([a-zA-Z][\\w.-]*)[}(]");
    private static final Pattern ERROR_CODE = Pattern.compile(
            "DomainException\\.(?:badRequest|notFound|forbidden|conflict)\\(\"([a-z][a-z0-9.-]*)\"|new DomainException\\([^,]+,\\s*\"([a-z][a-z0-9.-]*)\"");
    private static final Pattern RESPONSE_CODE = Pattern.compile("errors\\.(?:response|body)\\([^\"\\n;]*\"([a-z][a-z0-9.-]*)\"");
    private static final Pattern REQUIRE_CODE = Pattern.compile("require\\([^;]*?\"([a-z][a-z0-9.-]*)\"\\);");

    @Test
    void bothLanguagesHaveTheSameKeys() throws IOException {
        Set<String> zh = load("messages_zh_CN.properties").stringPropertyNames();
        Set<String> en = load("messages_en.properties").stringPropertyNames();
        assertThat(new TreeSet<>(en)).as("keys in English").containsExactlyInAnyOrderElementsOf(new TreeSet<>(zh));
        load("messages_en.properties").forEach((k, v) -> assertThat(v.toString()).as(k.toString()).isNotBlank());
    }

    @Test
    void everyKeyUsedInATemplateExists() throws IOException {
        Set<String> keys = load("messages_zh_CN.properties").stringPropertyNames();
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/resources/templates"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".html")).toList()) {
                Matcher m = TEMPLATE_KEY.matcher(Files.readString(file));
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        assertThat(used).isNotEmpty();
        assertThat(keys).containsAll(used);
    }

    @Test
    void everyErrorCodeRaisedInTheCodeHasAMessage() throws IOException {
        Set<String> keys = load("messages_zh_CN.properties").stringPropertyNames();
        Set<String> codes = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                for (Pattern pattern : new Pattern[] {ERROR_CODE, RESPONSE_CODE, REQUIRE_CODE}) {
                    Matcher m = pattern.matcher(source);
                    while (m.find()) {
                        codes.add(m.group(1) != null ? m.group(1) : m.group(2));
                    }
                }
            }
        }
        assertThat(codes).contains("id-number.check-digit", "forbidden");
        codes.forEach(code -> assertThat(keys).as("message for error code " + code).contains("error." + code));
        for (String code : new String[] {"invalid-request", "unauthenticated", "forbidden", "not-found",
                "method-not-allowed", "upload-too-large", "unsupported-media-type", "too-many-requests", "internal",
                "csrf"}) {
            assertThat(keys).contains("error." + code);
        }
    }

    @Test
    void everyEnumShownOnAPageHasALabel() throws IOException {
        Set<String> keys = load("messages_zh_CN.properties").stringPropertyNames();
        for (Role r : Role.values()) {
            assertThat(keys).contains("role." + r);
        }
        for (OrganisationType t : OrganisationType.values()) {
            assertThat(keys).contains("organisation.type." + t);
        }
        for (AcquisitionPath p : AcquisitionPath.values()) {
            assertThat(keys).contains("path." + p);
        }
        for (ApplicationStatus s : ApplicationStatus.values()) {
            assertThat(keys).contains("application.status." + s);
        }
        for (CertificateStatus s : CertificateStatus.values()) {
            assertThat(keys).contains("certificate.status." + s);
        }
    }

    private static Properties load(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = I18nPropertiesSyncTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
