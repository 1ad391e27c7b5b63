package cn.titlecert.person;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The photo rules of R15 ({@code titlecert.photos.*}). The defaults follow the Guangdong notice (JPEG, at most
 * 600 KB, at least 128 × 180 px, red or blue background) and the certificate's 35 × 45 mm photo box.
 *
 * @param maxBytes largest accepted file (600 KB = 614,400 bytes)
 * @param minWidth smallest accepted width in pixels
 * @param minHeight smallest accepted height in pixels
 * @param maxPixels width × height above which a file is refused before it is decoded (a small JPEG can declare
 *        a huge image and exhaust memory)
 * @param aspectTolerance how far width / height may be from 35 / 45, relative (0.10: 0.700 … 0.856). Wide enough
 *        for the Guangdong notice's own minimum of 128 × 180 px (0.711) and the common 一寸 sizes (295 × 413)
 * @param backgroundShare the share of the sampled border pixels that must be of one accepted background colour
 * @param archive limits of the organizing unit's ZIP upload
 */
@ConfigurationProperties("titlecert.photos")
public record PhotoProperties(
        @DefaultValue("614400") int maxBytes,
        @DefaultValue("128") int minWidth,
        @DefaultValue("180") int minHeight,
        @DefaultValue("25000000") long maxPixels,
        @DefaultValue("0.10") double aspectTolerance,
        @DefaultValue("0.85") double backgroundShare,
        @DefaultValue Archive archive) {

    /** Width / height of a 35 × 45 mm photo. */
    public static final double ASPECT = 35.0 / 45.0;

    /**
     * @param maxArchiveBytes largest accepted ZIP file
     * @param maxEntries most entries (files and folders) an archive may list
     * @param maxTotalBytes most bytes read out of one archive, all entries together
     */
    public record Archive(
            @DefaultValue("20971520") long maxArchiveBytes,
            @DefaultValue("2000") int maxEntries,
            @DefaultValue("209715200") long maxTotalBytes) {
    }
}
