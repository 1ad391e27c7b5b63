package cn.titlecert.person;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import org.springframework.stereotype.Component;

import cn.titlecert.error.DomainException;

/**
 * Checks a photo file against R15, from its bytes only (never its name or declared type): JPEG signature and a
 * clean decode, size, pixel dimensions, the 35 × 45 mm proportion, and a red, blue or plain light background
 * judged from the pixels along the top edge and the upper part of the side edges (the lower part of an ID
 * photo is the person's shoulders). Each refusal is a 400 with its own code.
 */
@Component
public class PhotoRules {

    /** The background colours the notices accept ("红底或蓝底", plain white or light grey where allowed). */
    public enum Background { RED, BLUE, LIGHT, OTHER }

    /** A photo that passed: its decoded size and the background found. */
    public record CheckedPhoto(byte[] jpeg, int width, int height, Background background) {
    }

    private final PhotoProperties properties;

    public PhotoRules(PhotoProperties properties) {
        this.properties = properties;
    }

    public CheckedPhoto check(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw DomainException.badRequest("photo.required");
        }
        if (bytes.length > properties.maxBytes()) {
            throw DomainException.badRequest("photo.too-large", properties.maxBytes() / 1024);
        }
        if (bytes.length < 4 || (bytes[0] & 0xFF) != 0xFF || (bytes[1] & 0xFF) != 0xD8 || (bytes[2] & 0xFF) != 0xFF) {
            throw DomainException.badRequest("photo.not-jpeg");
        }
        BufferedImage image = decode(bytes);
        int width = image.getWidth();
        int height = image.getHeight();
        if (width < properties.minWidth() || height < properties.minHeight()) {
            throw DomainException.badRequest("photo.too-small", properties.minWidth(), properties.minHeight(), width, height);
        }
        double aspect = (double) width / height;
        if (Math.abs(aspect / PhotoProperties.ASPECT - 1) > properties.aspectTolerance()) {
            throw DomainException.badRequest("photo.proportion", width, height,
                    Math.round(properties.aspectTolerance() * 100));
        }
        Background background = background(image, properties.backgroundShare());
        if (background == Background.OTHER) {
            throw DomainException.badRequest("photo.background");
        }
        return new CheckedPhoto(bytes, width, height, background);
    }

    /**
     * Decodes with the JPEG reader only. A warning (e.g. "premature end of JPEG file", which the decoder
     * otherwise papers over with grey) refuses the file, and so does a declared size too large to decode safely.
     */
    private BufferedImage decode(byte[] bytes) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("jpeg");
        if (!readers.hasNext()) {
            throw new IllegalStateException("no JPEG reader");
        }
        ImageReader reader = readers.next();
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, true, true);
            long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
            if (pixels > properties.maxPixels()) {
                throw DomainException.badRequest("photo.too-many-pixels");
            }
            BufferedImage image = reader.read(0);
            if (!warnings.isEmpty() || image == null) {
                throw DomainException.badRequest("photo.corrupt");
            }
            return image;
        } catch (IOException | RuntimeException e) {
            if (e instanceof DomainException domain) {
                throw domain;
            }
            // IIOException for a broken stream, IllegalArgumentException / CMMException for odd colour models.
            throw DomainException.badRequest("photo.corrupt");
        } finally {
            reader.dispose();
        }
    }

    /**
     * The background, from a band along the top edge and the upper 60 % of the left and right edges, each band
     * 3 % of the image (at least 2 px) deep. At least {@code share} of the sampled pixels must fall in one colour
     * class, else the background is {@link Background#OTHER}.
     */
    static Background background(BufferedImage image, double share) {
        int width = image.getWidth();
        int height = image.getHeight();
        int depthX = Math.max(2, width * 3 / 100);
        int depthY = Math.max(2, height * 3 / 100);
        int sideHeight = height * 60 / 100;
        int step = Math.max(1, Math.min(width, height) / 100);
        Map<Background, Integer> counts = new EnumMap<>(Background.class);
        int total = 0;
        for (int y = 0; y < depthY; y += 1) {
            for (int x = 0; x < width; x += step) {
                counts.merge(classify(image.getRGB(x, y)), 1, Integer::sum);
                total++;
            }
        }
        for (int y = depthY; y < sideHeight; y += step) {
            for (int d = 0; d < depthX; d++) {
                counts.merge(classify(image.getRGB(d, y)), 1, Integer::sum);
                counts.merge(classify(image.getRGB(width - 1 - d, y)), 1, Integer::sum);
                total += 2;
            }
        }
        for (Background candidate : new Background[] {Background.RED, Background.BLUE, Background.LIGHT}) {
            if (counts.getOrDefault(candidate, 0) >= share * total) {
                return candidate;
            }
        }
        return Background.OTHER;
    }

    /**
     * One pixel's colour class. Red: hue within 15° of red, saturated and not dark (ID-photo red is about
     * #D80C18). Blue: hue 190°–250°, saturated (ID-photo blue is about #438EDB). Light: white or light grey,
     * almost unsaturated and bright.
     */
    static Background classify(int rgb) {
        float[] hsb = Color.RGBtoHSB((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF, null);
        float hue = hsb[0] * 360;
        float saturation = hsb[1];
        float brightness = hsb[2];
        if (saturation <= 0.12f && brightness >= 0.78f) {
            return Background.LIGHT;
        }
        if ((hue <= 15 || hue >= 345) && saturation >= 0.45f && brightness >= 0.35f) {
            return Background.RED;
        }
        if (hue >= 190 && hue <= 250 && saturation >= 0.30f && brightness >= 0.30f) {
            return Background.BLUE;
        }
        return Background.OTHER;
    }
}
