package cn.titlecert.certificate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.Deflater;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;

/**
 * PDF files made to exhaust a reader: streams that inflate to far more than their size, tables that declare more
 * objects than they hold, and plain files with too many pages or objects. Written byte by byte where PDFBox would
 * not write them, without ever holding the inflated bytes.
 */
public final class HostilePdfs {

    private HostilePdfs() {
    }

    /** zlib data that inflates to {@code size} zero bytes (a multiple of 1 MiB): about a thousandth of it. */
    public static byte[] deflatedZeros(long size) {
        int chunk = 1 << 20;
        byte[] zeros = new byte[chunk];
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        // After a full flush the compressor starts afresh, so every further megabyte compresses to the same bytes.
        deflater.setInput(zeros);
        byte[] first = flush(deflater);
        deflater.setInput(zeros);
        byte[] next = flush(deflater);
        deflater.end();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(first);
        for (long written = chunk; written < size; written += chunk) {
            out.writeBytes(next);
        }
        out.write(0x03); // a last, empty block
        out.write(0x00);
        long adler = ((size % 65521) << 16) | 1; // Adler-32 of zeros only
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) adler).array());
        return out.toByteArray();
    }

    private static byte[] flush(Deflater deflater) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[1 << 16];
        int length;
        do {
            length = deflater.deflate(buffer, 0, buffer.length, Deflater.FULL_FLUSH);
            out.write(buffer, 0, length);
        } while (length == buffer.length);
        return out.toByteArray();
    }

    /** The catalog lives in an object stream that inflates to {@code inflated} bytes. */
    public static byte[] objectStreamBomb(long inflated) {
        Raw pdf = new Raw();
        pdf.object(2, "<< /Type /Pages /Kids [] /Count 0 >>");
        pdf.stream(3, "/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode", deflatedZeros(inflated));
        ByteBuffer entries = ByteBuffer.allocate(5 * 7);
        entry(entries, 0, 0, 0xFFFF);
        entry(entries, 2, 3, 0); // object 1: the first in object stream 3
        entry(entries, 1, pdf.offset(2), 0);
        entry(entries, 1, pdf.offset(3), 0);
        entry(entries, 1, pdf.size(), 0);
        return pdf.endWithXrefStream(4, "/Type /XRef /Size 5 /W [1 4 2] /Root 1 0 R", entries.array());
    }

    /** The cross-reference stream itself inflates to {@code inflated} bytes. */
    public static byte[] xrefStreamBomb(long inflated) {
        Raw pdf = new Raw();
        pdf.object(1, "<< /Type /Catalog /Pages 2 0 R >>");
        pdf.object(2, "<< /Type /Pages /Kids [] /Count 0 >>");
        return pdf.endWithXrefStream(3, "/Type /XRef /Size 4 /W [1 4 2] /Root 1 0 R /Filter /FlateDecode",
                deflatedZeros(inflated));
    }

    /** A cross-reference stream whose predictor rows are {@code rowBytes} long, before a byte is decoded. */
    public static byte[] predictorRows(int rowBytes) {
        Raw pdf = new Raw();
        pdf.object(1, "<< /Type /Catalog /Pages 2 0 R >>");
        pdf.object(2, "<< /Type /Pages /Kids [] /Count 0 >>");
        return pdf.endWithXrefStream(3, "/Type /XRef /Size 4 /W [1 4 2] /Root 1 0 R /Filter /FlateDecode "
                + "/DecodeParms << /Predictor 12 /Columns " + rowBytes + " >>", deflatedZeros(1 << 20));
    }

    /** A cross-reference stream declaring {@code entries} objects of zero bytes each, in a one-byte stream. */
    public static byte[] emptyEntries(long entries) {
        Raw pdf = new Raw();
        pdf.object(1, "<< /Type /Catalog /Pages 2 0 R >>");
        pdf.object(2, "<< /Type /Pages /Kids [] /Count 0 >>");
        return pdf.endWithXrefStream(3, "/Type /XRef /Size " + entries + " /W [0 0 0] /Root 1 0 R", new byte[1]);
    }

    /** An ordinary file, as PDFBox writes it (object streams), of {@code pages} empty pages. */
    public static byte[] pages(int pages) {
        try (PDDocument document = new PDDocument()) {
            for (int i = 0; i < pages; i++) {
                document.addPage(new PDPage());
            }
            return save(document, CompressParameters.DEFAULT_COMPRESSION);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An ordinary one-page file with {@code objects} more indirect objects, in object streams or not. */
    public static byte[] objects(int objects, boolean objectStreams) {
        try (PDDocument document = new PDDocument()) {
            document.addPage(new PDPage());
            COSArray array = new COSArray();
            for (int i = 0; i < objects; i++) {
                COSDictionary dictionary = new COSDictionary();
                dictionary.setInt(COSName.N, i);
                dictionary.setDirect(false);
                array.add(dictionary);
            }
            document.getDocumentCatalog().getCOSObject().setItem(COSName.getPDFName("Extra"), array);
            return save(document, objectStreams ? CompressParameters.DEFAULT_COMPRESSION
                    : CompressParameters.NO_COMPRESSION);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] save(PDDocument document, CompressParameters compression) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        document.save(out, compression);
        return out.toByteArray();
    }

    private static void entry(ByteBuffer entries, int type, long field2, int field3) {
        entries.put((byte) type).putInt((int) field2).putShort((short) field3);
    }

    /** A PDF written object by object, ending with a cross-reference stream. */
    private static final class Raw {

        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final Map<Integer, Integer> offsets = new TreeMap<>();

        Raw() {
            write("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n");
        }

        private void write(String text) {
            out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
        }

        int size() {
            return out.size();
        }

        int offset(int number) {
            return offsets.get(number);
        }

        void object(int number, String body) {
            offsets.put(number, out.size());
            write(number + " 0 obj\n" + body + "\nendobj\n");
        }

        void stream(int number, String dictionary, byte[] data) {
            offsets.put(number, out.size());
            write(number + " 0 obj\n<< " + dictionary + " /Length " + data.length + " >>\nstream\n");
            out.writeBytes(data);
            write("\nendstream\nendobj\n");
        }

        byte[] endWithXrefStream(int number, String dictionary, byte[] data) {
            int start = out.size();
            stream(number, dictionary, data);
            write("startxref\n" + start + "\n%%EOF\n");
            return out.toByteArray();
        }
    }
}
