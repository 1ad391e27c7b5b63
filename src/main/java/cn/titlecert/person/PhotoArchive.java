package cn.titlecert.person;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import cn.titlecert.error.DomainException;

/**
 * Reads a ZIP of photos defensively. Entries are listed from the central directory (their number is capped
 * before anything is inflated); each file is read through a bounded stream that stops one byte past the photo
 * limit, whatever size its header claims; all entries together may not inflate beyond a total. Nothing is ever
 * written to disk under an entry's name, and names with {@code ..}, absolute paths or drive letters are refused.
 * Names come as UTF-8 when the entry says so (bit 11) or when they are valid UTF-8, else as GBK (GB 18030), as
 * Windows' own ZIP tool writes them on Chinese systems.
 */
final class PhotoArchive {

    /** One entry: its decoded name, the bytes read (at most {@code limit + 1}), or why it was not read. */
    record Entry(int index, String name, byte[] bytes, boolean exceedsLimit, String refusal) {
    }

    private static final Charset GB18030 = Charset.forName("GB18030");

    private PhotoArchive() {
    }

    /**
     * @param perEntryLimit largest file size still of interest (a larger one is reported as too large, unread)
     */
    static List<Entry> read(Path zip, int perEntryLimit, PhotoProperties.Archive limits) {
        // ISO-8859-1 maps each byte of a name without the UTF-8 flag to one char, so the raw bytes can be recovered.
        try (ZipFile file = new ZipFile(zip.toFile(), StandardCharsets.ISO_8859_1)) {
            if (file.size() > limits.maxEntries()) {
                throw DomainException.badRequest("photo-archive.too-many-entries", limits.maxEntries());
            }
            List<Entry> entries = new ArrayList<>();
            long total = 0;
            int index = 0;
            Enumeration<? extends ZipEntry> all = file.entries();
            while (all.hasMoreElements()) {
                ZipEntry entry = all.nextElement();
                String name = decodeName(entry.getName());
                if (entry.isDirectory() || isSystemFile(name)) {
                    continue;
                }
                index++;
                if (!isSafe(name)) {
                    entries.add(new Entry(index, name, null, false, "photo-archive.unsafe-name"));
                    continue;
                }
                if (total >= limits.maxTotalBytes()) {
                    entries.add(new Entry(index, name, null, false, "photo-archive.total-exceeded"));
                    continue;
                }
                long budget = Math.min(perEntryLimit + 1L, limits.maxTotalBytes() - total);
                byte[] bytes;
                try (InputStream in = file.getInputStream(entry)) {
                    bytes = in.readNBytes((int) budget);
                } catch (IOException | RuntimeException e) {
                    entries.add(new Entry(index, name, null, false, "photo-archive.entry-unreadable"));
                    continue;
                }
                total += bytes.length;
                if (bytes.length > perEntryLimit) {
                    entries.add(new Entry(index, name, null, true, null));
                } else if (bytes.length == budget && budget <= perEntryLimit) {
                    // The total ran out in the middle of this entry: it was not read whole.
                    entries.add(new Entry(index, name, null, false, "photo-archive.total-exceeded"));
                } else {
                    entries.add(new Entry(index, name, bytes, false, null));
                }
            }
            return entries;
        } catch (ZipException e) {
            throw DomainException.badRequest("photo-archive.unreadable");
        } catch (IOException e) {
            throw DomainException.badRequest("photo-archive.unreadable");
        }
    }

    /** The file name without its folders. */
    static String baseName(String name) {
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        return name.substring(slash + 1);
    }

    static boolean isSafe(String name) {
        if (name.isEmpty() || name.startsWith("/") || name.startsWith("\\") || name.matches("^[A-Za-z]:.*")
                || name.indexOf('\0') >= 0) {
            return false;
        }
        for (String part : name.split("[/\\\\]")) {
            if (part.equals("..")) {
                return false;
            }
        }
        return true;
    }

    /** Files that archivers add on their own (macOS resource forks, Finder and Explorer caches). */
    private static boolean isSystemFile(String name) {
        String base = baseName(name);
        return name.startsWith("__MACOSX/") || base.startsWith("._") || base.equals(".DS_Store")
                || base.equalsIgnoreCase("Thumbs.db") || base.equalsIgnoreCase("desktop.ini");
    }

    /** Recovers the raw bytes of a name read as ISO-8859-1 and decodes them as UTF-8 if valid, else GB 18030. */
    static String decodeName(String latin1) {
        boolean ascii = latin1.chars().allMatch(c -> c < 0x80);
        if (ascii) {
            return latin1;
        }
        if (latin1.chars().anyMatch(c -> c > 0xFF)) {
            return latin1; // the UTF-8 flag was set: the JDK already decoded it as UTF-8
        }
        byte[] raw = latin1.getBytes(StandardCharsets.ISO_8859_1);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException notUtf8) {
            return new String(raw, GB18030);
        }
    }
}
