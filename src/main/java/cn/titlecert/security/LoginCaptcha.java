package cn.titlecert.security;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import javax.imageio.ImageIO;

import jakarta.servlet.http.HttpSession;

import org.springframework.stereotype.Component;

/**
 * The picture code the login page shows once an account has failed several times: five characters (no 0/O, 1/I/L
 * look-alikes) drawn askew over noise, kept in the visitor's session, good for one attempt within five minutes.
 */
@Component
public class LoginCaptcha {

    static final String SESSION_ATTRIBUTE = LoginCaptcha.class.getName();
    private static final String ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    private static final int LENGTH = 5;
    private static final Duration VALID = Duration.ofMinutes(5);

    /** What the session keeps: the code shown and when. */
    record Challenge(String answer, Instant issuedAt) implements java.io.Serializable {
    }

    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private volatile Font font;

    public LoginCaptcha(Clock clock) {
        this.clock = clock;
    }

    /** A new code for this session, as a PNG; the previous one is no longer valid. */
    public byte[] issue(HttpSession session) {
        StringBuilder code = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        session.setAttribute(SESSION_ATTRIBUTE, new Challenge(code.toString(), clock.instant()));
        return render(code.toString());
    }

    /** Whether the answer is the code last shown to this session; the code is used up either way. */
    public boolean check(HttpSession session, String answer) {
        if (session == null || answer == null) {
            return false;
        }
        Object stored = session.getAttribute(SESSION_ATTRIBUTE);
        session.removeAttribute(SESSION_ATTRIBUTE);
        if (!(stored instanceof Challenge challenge) || challenge.issuedAt().plus(VALID).isBefore(clock.instant())) {
            return false;
        }
        return MessageDigest.isEqual(challenge.answer().getBytes(StandardCharsets.US_ASCII),
                answer.strip().toUpperCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    private byte[] render(String code) {
        int width = 160;
        int height = 56;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(new Color(245, 247, 250));
            g.fillRect(0, 0, width, height);
            for (int i = 0; i < 8; i++) {
                g.setColor(new Color(120 + random.nextInt(100), 120 + random.nextInt(100), 120 + random.nextInt(100)));
                g.setStroke(new BasicStroke(1 + random.nextInt(2)));
                g.drawLine(random.nextInt(width), random.nextInt(height), random.nextInt(width), random.nextInt(height));
            }
            Font base = font().deriveFont(Font.PLAIN, 34f);
            for (int i = 0; i < code.length(); i++) {
                AffineTransform rotation = AffineTransform.getRotateInstance((random.nextDouble() - 0.5) * 0.6);
                g.setFont(base.deriveFont(rotation));
                g.setColor(new Color(random.nextInt(90), random.nextInt(90), 60 + random.nextInt(100)));
                g.drawString(String.valueOf(code.charAt(i)), 10 + i * 29, 40 + random.nextInt(8) - 4);
            }
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return png.toByteArray();
    }

    /** The product's own sans font (Latin letters and digits), so the picture does not depend on the system's fonts. */
    private Font font() {
        Font loaded = font;
        if (loaded == null) {
            try (InputStream in = LoginCaptcha.class.getResourceAsStream("/reports/fonts/DroidSansFallbackFull.ttf")) {
                loaded = in == null ? new Font(Font.SANS_SERIF, Font.BOLD, 34) : Font.createFont(Font.TRUETYPE_FONT, in);
            } catch (IOException | FontFormatException e) {
                loaded = new Font(Font.SANS_SERIF, Font.BOLD, 34);
            }
            font = loaded;
        }
        return loaded;
    }
}
