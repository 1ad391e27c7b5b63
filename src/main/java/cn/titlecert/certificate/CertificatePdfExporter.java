package cn.titlecert.certificate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.engine.JRRuntimeException;
import net.sf.jasperreports.engine.JasperReportsContext;
import net.sf.jasperreports.pdf.JRPdfExporter;
import net.sf.jasperreports.pdf.common.PdfImage;

/**
 * JasperReports' PDF exporter, except that the transparent spacer pixel it places under every image element is read
 * from its jar once per JVM instead of once per export: that lookup searched the class path (under the jar files'
 * locks, which the export threads then queued for) and was 4% of a certificate's render time.
 */
final class CertificatePdfExporter extends JRPdfExporter {

    private static final String PIXEL = "net/sf/jasperreports/engine/images/white-transparent-pixel.png";
    private static final byte[] PIXEL_PNG = read(PIXEL);

    CertificatePdfExporter(JasperReportsContext context) {
        super(context);
    }

    @Override
    protected PdfImage getPxImage() {
        if (pxImage == null) {
            try {
                pxImage = pdfProducer.createImage(PIXEL_PNG, false);
            } catch (IOException | JRException e) {
                throw new JRRuntimeException(e);
            }
        }
        return pxImage;
    }

    private static byte[] read(String resource) {
        try (InputStream in = JRPdfExporter.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("JasperReports resource missing: " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
