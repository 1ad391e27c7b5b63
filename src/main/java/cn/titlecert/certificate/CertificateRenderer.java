package cn.titlecert.certificate;

import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import javax.imageio.ImageIO;

import org.springframework.stereotype.Component;

import net.sf.jasperreports.engine.DefaultJasperReportsContext;
import net.sf.jasperreports.engine.JREmptyDataSource;
import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.engine.JasperFillManager;
import net.sf.jasperreports.engine.JasperPrint;
import net.sf.jasperreports.pdf.JRPdfExporter;
import net.sf.jasperreports.export.SimpleExporterInput;
import net.sf.jasperreports.export.SimpleOutputStreamExporterOutput;
import net.sf.jasperreports.pdf.SimplePdfExporterConfiguration;
import net.sf.jasperreports.renderers.SimpleDataRenderer;

/**
 * Fills a certificate layout and exports it to an (unsigned) PDF. Every printed value goes through
 * {@link PrintedText} first, so a character the embedded fonts lack is known before rendering.
 */
@Component
public class CertificateRenderer {

    /**
     * Every value is printed in 宋 (labels are 楷 in the templates). The wide-coverage sans (CertHei, Droid Sans
     * Fallback) is only a fallback for characters 宋 and 楷 lack: its subset carries a 350 KB glyph-metrics table,
     * which cost a third of the render time when every certificate embedded it for its number and address.
     */
    private static final String VALUE_FAMILY = "CertSong";

    /** Template parameters of an annotated copy (R26): the usage scenario and the expiry date as printed. */
    public static final String ANNOTATION_SCENARIO = "annotationScenario";
    public static final String ANNOTATION_EXPIRY = "annotationExpiry";
    /** Boolean parameter: whether the annotation area is printed. */
    static final String ANNOTATED = "annotated";

    private final CertificateTemplates templates;
    private final CertificateFonts fonts;

    public CertificateRenderer(CertificateTemplates templates, CertificateFonts fonts) {
        this.templates = templates;
        this.fonts = fonts;
        // Images pass through javax.imageio three times per certificate: the QR code's PNG is written, then OpenPDF
        // reads it back, and JasperReports' transparent spacer pixel. With its default disk cache each of those
        // creates, writes and deletes a temporary file (measured: the QR code's PNG alone 0.5 ms instead of 0.3 ms).
        ImageIO.setUseCache(false);
    }

    /**
     * @param values template parameter → text as printed (see the jrxml parameters)
     * @param photoJpeg the holder's photo, or null for an empty frame
     * @param qrText what the QR code holds
     */
    public record Content(Map<String, String> values, byte[] photoJpeg, String qrText) {
    }

    /** @param substitutedFields the parameters in which a character had to be printed as pinyin */
    public record Rendered(byte[] pdf, Set<String> substitutedFields) {
        public boolean rareCharacters() {
            return !substitutedFields.isEmpty();
        }
    }

    /** What the certificate will print for each value, with rare characters resolved; no rendering yet. */
    public Map<String, PrintedText> prepare(Map<String, String> values) {
        Map<String, PrintedText> printed = new LinkedHashMap<>();
        values.forEach((key, value) -> printed.put(key, PrintedText.of(value, VALUE_FAMILY, fonts)));
        return printed;
    }

    public Rendered render(String template, Content content) {
        Filled filled = fill(template, content);
        return new Rendered(export(filled.print(), content), filled.substitutedFields());
    }

    /** A filled page, not yet exported: the two phases are apart so that the benchmark can time each. */
    record Filled(JasperPrint print, Set<String> substitutedFields) {
    }

    Filled fill(String template, Content content) {
        Map<String, PrintedText> printed = prepare(content.values());
        Map<String, Object> parameters = new HashMap<>();
        Set<String> substituted = new TreeSet<>();
        printed.forEach((key, text) -> {
            parameters.put(key, text.markup());
            if (text.substituted()) {
                substituted.add(key);
            }
        });
        // Annotated copies (R26) print their scenario and expiry; the templates show that area only then.
        parameters.put(ANNOTATED, content.values().get(ANNOTATION_SCENARIO) != null);
        if (content.photoJpeg() != null) {
            parameters.put("photo", SimpleDataRenderer.getInstance(content.photoJpeg()));
        }
        parameters.put("qr", SimpleDataRenderer.getInstance(QrCode.png(content.qrText())));
        try {
            JasperPrint print = JasperFillManager.getInstance(DefaultJasperReportsContext.getInstance())
                    .fill(templates.get(template), parameters, new JREmptyDataSource(1));
            return new Filled(print, Set.copyOf(substituted));
        } catch (JRException e) {
            throw new IllegalStateException("certificate filling failed (template " + template + ")", e);
        }
    }

    byte[] export(JasperPrint print, Content content) {
        try {
            JRPdfExporter exporter = new CertificatePdfExporter(DefaultJasperReportsContext.getInstance());
            exporter.setExporterInput(new SimpleExporterInput(print));
            ByteArrayOutputStream out = new ByteArrayOutputStream(96 * 1024);
            exporter.setExporterOutput(new SimpleOutputStreamExporterOutput(out));
            SimplePdfExporterConfiguration configuration = new SimplePdfExporterConfiguration();
            configuration.setCompressed(true);
            configuration.setMetadataTitle(content.values().getOrDefault("titleName", ""));
            configuration.setMetadataSubject(content.values().getOrDefault("number", ""));
            configuration.setMetadataCreator("titlecert");
            exporter.setConfiguration(configuration);
            exporter.exportReport();
            return out.toByteArray();
        } catch (JRException e) {
            throw new IllegalStateException("certificate export failed (" + print.getName() + ")", e);
        }
    }
}
