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

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import com.google.zxing.qrcode.encoder.QRCode;

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

    /**
     * The symbol ZXing encodes at level M in UTF-8, with the mask ISO/IEC 18004 asks for (the lowest penalty), chosen
     * by {@link QrMaskChoice} from the mask-0 symbol instead of ZXing building and scoring all eight.
     */
    static QRCode encode(String text) {
        try {
            QRCode first = Encoder.encode(text, ErrorCorrectionLevel.M, hints(0));
            int mask = QrMaskChoice.lowestPenalty(first.getMatrix(), first.getVersion(), first.getECLevel());
            return mask == 0 ? first : Encoder.encode(text, ErrorCorrectionLevel.M, hints(mask));
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode a QR code", e);
        }
    }

    private static Map<EncodeHintType, Object> hints(int mask) {
        return Map.of(EncodeHintType.CHARACTER_SET, "UTF-8", EncodeHintType.QR_MASK_PATTERN, mask);
    }

    public static byte[] png(String text) {
        ByteMatrix matrix = encode(text).getMatrix();
        int size = matrix.getWidth() + 2 * QUIET_ZONE;
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_BINARY);
        WritableRaster pixels = image.getRaster();
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int mx = x - QUIET_ZONE;
                int my = y - QUIET_ZONE;
                boolean dark = mx >= 0 && my >= 0 && mx < matrix.getWidth() && my < matrix.getHeight()
                        && matrix.get(mx, my) == 1;
                // Palette index 0 is black, 1 white; the raster skips setRGB's colour matching per pixel.
                pixels.setSample(x, y, 0, dark ? 0 : 1);
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
