package cn.titlecert.demo;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import javax.imageio.ImageIO;

/**
 * A stand-in ID photo drawn by the product (a silhouette on the blue background the notices ask for),
 * 35 × 45 mm in proportion, 390 × 500 px, JPEG: a demo holder needs a photo and must not get a real face.
 */
public final class DemoPhoto {

    public static final int WIDTH = 390;
    public static final int HEIGHT = 500;

    private DemoPhoto() {
    }

    public static byte[] jpeg() {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(new Color(0x43, 0x8E, 0xDB));
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.setColor(new Color(0x2B, 0x2F, 0x3A));
            g.fill(new RoundRectangle2D.Double(45, 330, 300, 260, 140, 140));
            g.setColor(new Color(0xF0, 0xD5, 0xBE));
            g.fill(new Ellipse2D.Double(120, 95, 150, 190));
            g.setColor(new Color(0x1E, 0x1E, 0x1E));
            g.fill(new Ellipse2D.Double(115, 80, 160, 90));
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "jpg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
