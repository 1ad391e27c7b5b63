package cn.titlecert.certificate;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;

/**
 * The visible seal the product draws itself (never a scan of a real bureau's seal): a red ring, the issuing
 * authority's name along the upper arc, a five-pointed star in the middle and the seal's purpose below it.
 * Drawn with the embedded 宋 font, on a transparent background.
 */
final class SealImage {

    static final Color SEAL_RED = new Color(0xD4, 0x10, 0x1E);

    private SealImage() {
    }

    static BufferedImage draw(String authorityName, String purpose, Font font, int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(SEAL_RED);
            double c = size / 2.0;
            double ring = size * 0.035;
            g.setStroke(new BasicStroke((float) ring));
            g.draw(new Ellipse2D.Double(ring, ring, size - 2 * ring, size - 2 * ring));
            g.fill(star(c, c, size * 0.15, size * 0.06));
            drawArcText(g, authorityName, font.deriveFont(Font.PLAIN, (float) (size * 0.105)), c, size * 0.34);
            Font small = font.deriveFont(Font.PLAIN, (float) (size * 0.075));
            drawCentered(g, purpose, small, c, c + size * 0.28);
        } finally {
            g.dispose();
        }
        return inOneColour(image);
    }

    /**
     * Every pixel in the seal's red, its shape in the alpha channel alone. Drawn as is, the transparent pixels are
     * black: the PDF image then carries a colour plane of 27 KB beside the 16 KB mask, in every certificate, where a
     * plane of one colour compresses to almost nothing. Looks the same: only the alpha decides what is seen.
     */
    private static BufferedImage inOneColour(BufferedImage image) {
        int red = SEAL_RED.getRGB() & 0x00FFFFFF;
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (pixels[i] & 0xFF000000) | red;
        }
        image.setRGB(0, 0, image.getWidth(), image.getHeight(), pixels, 0, image.getWidth());
        return image;
    }

    private static Path2D star(double cx, double cy, double outer, double inner) {
        Path2D.Double p = new Path2D.Double();
        for (int i = 0; i < 10; i++) {
            double r = i % 2 == 0 ? outer : inner;
            double a = -Math.PI / 2 + i * Math.PI / 5;
            double x = cx + r * Math.cos(a);
            double y = cy + r * Math.sin(a);
            if (i == 0) {
                p.moveTo(x, y);
            } else {
                p.lineTo(x, y);
            }
        }
        p.closePath();
        return p;
    }

    /** Characters upright along the upper arc, from lower left over the top to lower right (about 240°). */
    private static void drawArcText(Graphics2D g, String text, Font font, double c, double radius) {
        int[] cps = text.codePoints().toArray();
        if (cps.length == 0) {
            return;
        }
        double sweep = Math.toRadians(Math.min(240, 22 * cps.length));
        double start = -Math.PI / 2 - sweep / 2;
        double step = cps.length == 1 ? 0 : sweep / (cps.length - 1);
        FontRenderContext frc = g.getFontRenderContext();
        for (int i = 0; i < cps.length; i++) {
            double angle = cps.length == 1 ? -Math.PI / 2 : start + i * step;
            GlyphVector glyph = font.createGlyphVector(frc, new String(Character.toChars(cps[i])));
            double w = glyph.getLogicalBounds().getWidth();
            AffineTransform t = new AffineTransform();
            t.translate(c + radius * Math.cos(angle), c + radius * Math.sin(angle));
            t.rotate(angle + Math.PI / 2);
            t.translate(-w / 2, 0);
            g.fill(t.createTransformedShape(glyph.getOutline()));
        }
    }

    private static void drawCentered(Graphics2D g, String text, Font font, double cx, double baseline) {
        GlyphVector glyph = font.createGlyphVector(g.getFontRenderContext(), text);
        double w = glyph.getLogicalBounds().getWidth();
        g.fill(AffineTransform.getTranslateInstance(cx - w / 2, baseline).createTransformedShape(glyph.getOutline()));
    }
}
