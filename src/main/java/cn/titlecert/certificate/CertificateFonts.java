package cn.titlecert.certificate;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.zip.Deflater;

import org.springframework.stereotype.Component;

import com.lowagie.text.DocumentException;
import com.lowagie.text.pdf.BaseFont;

/**
 * The TrueType fonts certificates embed (reports/fonts, registered for JasperReports by fonts.xml), loaded
 * from the classpath so that glyph checks use exactly the files that reach the PDF, never the machine's fonts.
 * Families in order of preference for a character: 宋 (CertSong), 楷 (CertKai), then the wide-coverage sans
 * (CertHei).
 */
@Component
public class CertificateFonts {

    public record EmbeddedFont(String family, Font font) {
        public boolean canDisplay(int codePoint) {
            return font.canDisplay(codePoint);
        }
    }

    private final List<EmbeddedFont> fonts;

    public CertificateFonts() {
        this.fonts = List.of(
                load("CertSong", "reports/fonts/gbsn00lp.ttf"),
                load("CertKai", "reports/fonts/gkai00mp.ttf"),
                load("CertHei", "reports/fonts/DroidSansFallbackFull.ttf"));
    }

    private static EmbeddedFont load(String family, String resource) {
        try (InputStream in = CertificateFonts.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("certificate font missing from the classpath: " + resource);
            }
            byte[] bytes = in.readAllBytes();
            // Put the font, backed by these bytes, into OpenPDF's font cache under the name JasperReports asks
            // for (the location in fonts.xml). Otherwise, when the working directory happens to hold that
            // relative path (the source tree), OpenPDF opens the file and subsets it byte by byte from disk on
            // every export (~150 ms per certificate instead of a few).
            BaseFont pdfFont = BaseFont.createFont(resource, BaseFont.IDENTITY_H, BaseFont.EMBEDDED, true, bytes, null);
            // OpenPDF's subset keeps the original glyph ids, so every export deflates a full-length hmtx and loca
            // (62 KB for the AR PL fonts, 350 KB for Droid) besides the few glyphs used. At the default level that
            // was half of a certificate's CPU time; the fastest level halves the render time for ~5% more bytes.
            pdfFont.setCompressionLevel(Deflater.BEST_SPEED);
            return new EmbeddedFont(family, Font.createFont(Font.TRUETYPE_FONT, new ByteArrayInputStream(bytes)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (FontFormatException | DocumentException e) {
            throw new IllegalStateException("not a usable TrueType font: " + resource, e);
        }
    }

    public List<EmbeddedFont> all() {
        return fonts;
    }

    /** The preferred family if it has the character, else the first embedded font that has it; empty if none. */
    public Optional<String> familyFor(int codePoint, String preferred) {
        for (EmbeddedFont f : fonts) {
            if (f.family().equals(preferred) && f.canDisplay(codePoint)) {
                return Optional.of(preferred);
            }
        }
        return fonts.stream().filter(f -> f.canDisplay(codePoint)).map(EmbeddedFont::family).findFirst();
    }
}
