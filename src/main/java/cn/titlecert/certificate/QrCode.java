package cn.titlecert.certificate;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.spi.ImageWriterSpi;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

/**
 * The verification QR code (ZXing) as a PNG of one pixel per module with the four-module quiet zone scanners
 * expect. The template scales it to 40 mm; PDF viewers scale such a small image without smoothing, so the
 * modules stay sharp, and it costs a fraction of a millisecond (a drawn vector version pulled OpenPDF's
 * unembedded default font into every certificate).
 */
public final class QrCode {

    private static final int QUIET_ZONE = 4;

    /**
     * The PNG writer's provider, looked up once: {@code ImageIO.write} searches the registry and sets up a writer
     * for each call, which took longer than encoding the code itself (writers are not thread-safe; providers are).
     */
    private static final ImageWriterSpi PNG = ImageIO.getImageWritersByFormatName("png").next().getOriginatingProvider();

    private QrCode() {
    }

    public static byte[] png(String text) {
        BitMatrix matrix;
        try {
            matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, QUIET_ZONE,
                            EncodeHintType.CHARACTER_SET, "UTF-8"));
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode a QR code", e);
        }
        BufferedImage image = new BufferedImage(matrix.getWidth(), matrix.getHeight(), BufferedImage.TYPE_BYTE_BINARY);
        WritableRaster pixels = image.getRaster();
        for (int y = 0; y < matrix.getHeight(); y++) {
            for (int x = 0; x < matrix.getWidth(); x++) {
                // Palette index 0 is black, 1 white; the raster skips setRGB's colour matching per pixel.
                pixels.setSample(x, y, 0, matrix.get(x, y) ? 0 : 1);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try {
            ImageWriter writer = PNG.createWriterInstance();
            try (ImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
                writer.setOutput(stream);
                writer.write(image);
            } finally {
                writer.dispose();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
