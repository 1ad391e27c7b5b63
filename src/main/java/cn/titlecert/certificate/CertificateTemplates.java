package cn.titlecert.certificate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.engine.JasperCompileManager;
import net.sf.jasperreports.engine.JasperReport;

/**
 * The certificate layouts in {@code reports/} (JasperReports 7 jrxml), compiled once at first use and shared: a
 * compiled report is thread-safe, only fills and exports are per certificate.
 */
@Component
public class CertificateTemplates {

    /** The unified national layout and the five provinces' layouts from the notices' appendices. */
    public static final List<String> NAMES = List.of("unified", "guangdong", "guangxi", "hubei", "guizhou", "tianjin");

    private final Map<String, JasperReport> compiled = new ConcurrentHashMap<>();

    public JasperReport get(String name) {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("unknown certificate template: " + name);
        }
        return compiled.computeIfAbsent(name, CertificateTemplates::compile);
    }

    private static JasperReport compile(String name) {
        String resource = "reports/" + name + ".jrxml";
        try (InputStream in = CertificateTemplates.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("template missing from the classpath: " + resource);
            }
            return JasperCompileManager.compileReport(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JRException e) {
            throw new IllegalStateException("template does not compile: " + resource, e);
        }
    }
}
