package cn.titlecert.person;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** Real images of every kind the photo rules must tell apart, drawn on the fly. */
public final class TestPhotos {

    public static final Color ID_BLUE = new Color(0x43, 0x8E, 0xDB);
    public static final Color ID_RED = new Color(0xD8, 0x0C, 0x18);
    public static final Color WHITE = new Color(0xF6, 0xF6, 0xF6);
    public static final Color GREEN = new Color(0x2E, 0xA0, 0x43);

    private TestPhotos() {
    }

    /** A 35 × 45 mm ID photo, 390 × 500 px, on the given background. */
    public static byte[] jpeg(Color background) {
        return jpeg(background, 390, 500);
    }

    public static byte[] jpeg(Color background, int width, int height) {
        return encode(draw(background, width, height), "jpg");
    }

    public static byte[] png(Color background) {
        return encode(draw(background, 390, 500), "png");
    }

    /** A valid JPEG cut off in the middle of its scan data. */
    public static byte[] truncated() {
        byte[] whole = jpeg(ID_BLUE);
        return Arrays.copyOf(whole, whole.length * 2 / 3);
    }

    /** A JPEG of random noise at top quality: a real image well over 600 KB (about 700 KB and more). */
    public static byte[] tooLarge() {
        BufferedImage image = new BufferedImage(780, 1000, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(42);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(0.9f);
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    private static BufferedImage draw(Color background, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(background);
            g.fillRect(0, 0, width, height);
            g.setColor(new Color(0x2B, 0x2F, 0x3A));
            g.fill(new RoundRectangle2D.Double(width * 0.12, height * 0.66, width * 0.76, height * 0.5, width * 0.3, width * 0.3));
            g.setColor(new Color(0xF0, 0xD5, 0xBE));
            g.fill(new Ellipse2D.Double(width * 0.31, height * 0.19, width * 0.38, height * 0.38));
            g.setColor(new Color(0x1E, 0x1E, 0x1E));
            g.fill(new Ellipse2D.Double(width * 0.29, height * 0.16, width * 0.42, height * 0.18));
        } finally {
            g.dispose();
        }
        return image;
    }

    private static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A ZIP of (name, bytes) pairs; names encoded in {@code charset} without the UTF-8 flag unless it is UTF-8. */
    public static byte[] zip(Charset charset, Object... namesAndBytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out, charset)) {
            for (int i = 0; i < namesAndBytes.length; i += 2) {
                String name = (String) namesAndBytes[i];
                zip.putNextEntry(new ZipEntry(name));
                if (namesAndBytes[i + 1] != null) {
                    zip.write((byte[]) namesAndBytes[i + 1]);
                }
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
