package cn.titlecert.certificate;

import java.util.Locale;

import net.sourceforge.pinyin4j.PinyinHelper;
import net.sourceforge.pinyin4j.format.HanyuPinyinCaseType;
import net.sourceforge.pinyin4j.format.HanyuPinyinOutputFormat;
import net.sourceforge.pinyin4j.format.HanyuPinyinToneType;
import net.sourceforge.pinyin4j.format.HanyuPinyinVCharType;
import net.sourceforge.pinyin4j.format.exception.BadHanyuPinyinOutputFormatCombination;

/**
 * A value as the certificate prints it: JasperReports styled text in which every character is drawn by the
 * template's font, or by another embedded font that has it; a character no embedded font has is replaced by its
 * pinyin (R12, Tianjin notice 三(二)5), or by its code point when pinyin4j does not know it either.
 *
 * @param markup the styled text for the template (XML-escaped)
 * @param plain the same text as printed, without markup (what a reader of the PDF sees)
 * @param substituted whether a character had to be replaced, so the review body must write it by hand
 */
public record PrintedText(String markup, String plain, boolean substituted) {

    private static final HanyuPinyinOutputFormat PINYIN = new HanyuPinyinOutputFormat();

    static {
        PINYIN.setCaseType(HanyuPinyinCaseType.LOWERCASE);
        PINYIN.setToneType(HanyuPinyinToneType.WITH_TONE_MARK);
        PINYIN.setVCharType(HanyuPinyinVCharType.WITH_U_UNICODE);
    }

    public static final PrintedText EMPTY = new PrintedText("", "", false);

    public static PrintedText of(String value, String templateFamily, CertificateFonts fonts) {
        if (value == null || value.isEmpty()) {
            return EMPTY;
        }
        StringBuilder markup = new StringBuilder(value.length() + 16);
        StringBuilder plain = new StringBuilder(value.length());
        boolean substituted = false;
        String openFamily = null;
        int[] codePoints = value.codePoints().toArray();
        for (int cp : codePoints) {
            String family = fonts.familyFor(cp, templateFamily).orElse(null);
            String text;
            if (family == null) {
                text = "(" + pinyin(cp) + ")";
                family = "CertHei";
                substituted = true;
            } else {
                text = new String(Character.toChars(cp));
            }
            String wanted = family.equals(templateFamily) ? null : family;
            if (!java.util.Objects.equals(wanted, openFamily)) {
                if (openFamily != null) {
                    markup.append("</style>");
                }
                if (wanted != null) {
                    markup.append("<style fontName=\"").append(wanted).append("\">");
                }
                openFamily = wanted;
            }
            escape(text, markup);
            plain.append(text);
        }
        if (openFamily != null) {
            markup.append("</style>");
        }
        return new PrintedText(markup.toString(), plain.toString(), substituted);
    }

    static String pinyin(int codePoint) {
        if (Character.charCount(codePoint) == 1) {
            try {
                String[] readings = PinyinHelper.toHanyuPinyinStringArray((char) codePoint, PINYIN);
                if (readings != null && readings.length > 0) {
                    return readings[0];
                }
            } catch (BadHanyuPinyinOutputFormatCombination e) {
                throw new IllegalStateException(e);
            }
        }
        return String.format(Locale.ROOT, "U+%04X", codePoint);
    }

    private static void escape(String text, StringBuilder out) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
    }
}
