package cn.titlecert.certificate;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSNumber;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.filter.DecodeOptions;
import org.apache.pdfbox.filter.Filter;
import org.apache.pdfbox.filter.FilterFactory;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdfparser.PDFObjectStreamParser;
import org.apache.pdfbox.pdfparser.PDFParser;
import org.apache.pdfbox.pdmodel.PDDocument;

import cn.titlecert.certificate.PdfSignatureCheck.Failure;
import cn.titlecert.certificate.PdfSignatureCheck.Limits;

/**
 * PDFBox's parser for files from anyone: strict, and held to {@link Limits}. While loading a document PDFBox decodes
 * its cross-reference streams and object streams whole, in memory, with no bound (PDFBox 3.0's stream cache does not
 * take part in decoding), so a file of a megabyte whose stream inflates to a gigabyte would take a gigabyte of heap.
 * Before PDFBox decodes such a stream, it is decoded here into a counter that stops at the document's budget of
 * decoded bytes, with the very filters and parameters PDFBox then uses; what PDFBox allocates is therefore bounded by
 * what was counted. Repair mode stays off: its brute-force search decodes every object stream it finds, unchecked,
 * and a sealed certificate is never damaged, so a file needing repair is refused as invalid either way.
 * <p>
 * A limit reached is thrown unchecked ({@link LimitReached}): PDFBox logs and drops an IOException met while
 * dereferencing an object, and carries on with the object missing.
 */
final class BoundedPdfParser extends PDFParser {

    /** A limit of the check was reached; the file is refused for it. */
    static final class LimitReached extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final transient Failure failure;

        LimitReached(Failure failure) {
            super(failure.name(), null, false, false);
            this.failure = failure;
        }

        Failure failure() {
            return failure;
        }
    }

    /** The filters PDFBox may meet in a cross-reference or object stream; image filters decode pictures, not objects. */
    private static final Set<COSName> OBJECT_FILTERS = Set.of(COSName.FLATE_DECODE, COSName.FLATE_DECODE_ABBREVIATION,
            COSName.LZW_DECODE, COSName.LZW_DECODE_ABBREVIATION, COSName.ASCII_HEX_DECODE,
            COSName.ASCII_HEX_DECODE_ABBREVIATION, COSName.ASCII85_DECODE, COSName.ASCII85_DECODE_ABBREVIATION,
            COSName.RUN_LENGTH_DECODE, COSName.RUN_LENGTH_DECODE_ABBREVIATION, COSName.CRYPT);

    private final Limits limits;
    private final long deadline;
    private final Map<Long, Map<COSObjectKey, COSBase>> objectStreams = new HashMap<>();
    private long decodedBytes;
    private boolean readingTrailer;
    private Failure reached;

    private BoundedPdfParser(TimedSource source, Limits limits, long deadline) throws IOException {
        super(source, "", null, null, MemoryUsageSetting.setupMainMemoryOnly(limits.maxDecodedBytes()).streamCache);
        this.limits = limits;
        this.deadline = deadline;
        source.parser = this;
    }

    static BoundedPdfParser of(byte[] file, Limits limits) throws IOException {
        long deadline = System.nanoTime() + limits.timeLimit().toNanos();
        return new BoundedPdfParser(new TimedSource(file), limits, deadline);
    }

    PDDocument load() throws IOException {
        return parse(false);
    }

    /** The limit reached while loading, even if something on the way caught its exception. */
    Optional<Failure> limitReached() {
        return Optional.ofNullable(reached);
    }

    /** Called where the work goes on, so a file that keeps the parser busy stops at the deadline. */
    void checkTime() {
        if (System.nanoTime() - deadline > 0 || Thread.currentThread().isInterrupted()) {
            throw reach(Failure.TIMED_OUT);
        }
    }

    private LimitReached reach(Failure failure) {
        if (reached == null) {
            reached = failure;
        }
        return new LimitReached(failure);
    }

    @Override
    protected COSDictionary retrieveTrailer() throws IOException {
        readingTrailer = true;
        COSDictionary trailer;
        try {
            trailer = super.retrieveTrailer();
        } finally {
            readingTrailer = false;
        }
        if (document.getXrefTable().size() > limits.maxObjects()) {
            throw reach(Failure.TOO_MANY_OBJECTS);
        }
        return trailer;
    }

    @Override
    protected COSStream parseCOSStream(COSDictionary dictionary) throws IOException {
        checkTime();
        COSStream stream = super.parseCOSStream(dictionary);
        if (readingTrailer) {
            // A cross-reference stream, which PDFBox decodes at once and whose every declared entry it adds to the
            // table, also when the entries take no bytes (/W [0 0 0]).
            if (declaredEntries(stream) > limits.maxObjects()) {
                throw reach(Failure.TOO_MANY_OBJECTS);
            }
            countDecoded(stream);
        }
        return stream;
    }

    /**
     * As PDFBox's own, with each object stream decoded once and counted first (PDFBox decodes a stream again for each
     * object the table places in it that is missing from it).
     */
    @Override
    protected COSBase parseObjectStreamObject(long objectStreamNumber, COSObjectKey key) throws IOException {
        checkTime();
        Map<COSObjectKey, COSBase> objects = objectStreams.get(objectStreamNumber);
        if (objects == null) {
            objects = Map.of();
            COSBase stream = document.getObjectFromPool(getObjectKey(objectStreamNumber, 0)).getObject();
            if (stream instanceof COSStream objectStream) {
                countDecoded(objectStream);
                objects = new PDFObjectStreamParser(objectStream, document).parseAllObjects();
            }
            objectStreams.put(objectStreamNumber, objects);
        }
        return objects.get(key);
    }

    private static long declaredEntries(COSStream stream) {
        COSArray index = stream.getCOSArray(COSName.INDEX);
        if (index == null) {
            return Math.max(0, stream.getLong(COSName.SIZE, 0));
        }
        long entries = 0;
        for (int i = 1; i < index.size(); i += 2) {
            if (index.getObject(i) instanceof COSNumber count && count.longValue() > 0) {
                entries += count.longValue();
            }
        }
        return entries;
    }

    /** Decodes the stream as PDFBox will, counting every byte each filter writes against the budget. */
    private void countDecoded(COSStream stream) throws IOException {
        List<Filter> filters = filters(stream);
        InputStream encoded = stream.createRawInputStream();
        try {
            for (int i = 0; i < filters.size(); i++) {
                checkPredictorRow(stream, i);
                boolean last = i == filters.size() - 1;
                Counter decoded = new Counter(!last);
                filters.get(i).decode(encoded, decoded, stream, i, DecodeOptions.DEFAULT);
                encoded.close();
                encoded = decoded.asInput();
            }
        } finally {
            encoded.close();
        }
    }

    /** The filters as PDFBox lists them for decoding (COSStream, Filter.decode), duplicates removed. */
    private static List<Filter> filters(COSStream stream) throws IOException {
        List<COSName> names = new ArrayList<>();
        COSBase filters = stream.getFilters();
        if (filters instanceof COSName name) {
            names.add(name);
        } else if (filters instanceof COSArray array) {
            for (int i = 0; i < array.size(); i++) {
                if (!(array.get(i) instanceof COSName name)) {
                    throw new IOException("Forbidden type in filter array");
                }
                names.add(name);
            }
        }
        Set<Filter> unique = new LinkedHashSet<>();
        for (COSName name : names) {
            if (!OBJECT_FILTERS.contains(name)) {
                throw new IOException("Filter " + name.getName() + " in a stream of objects");
            }
            unique.add(FilterFactory.INSTANCE.getFilter(name));
        }
        return new ArrayList<>(unique);
    }

    /**
     * A predictor allocates two rows before it decodes a byte, their length taken from /Columns, /Colors and
     * /BitsPerComponent as written; a row longer than the whole budget is refused before it is allocated.
     */
    private void checkPredictorRow(COSStream stream, int index) {
        COSDictionary parameters = decodeParameters(stream, index);
        if (parameters.getInt(COSName.PREDICTOR) > 1) {
            long colors = Math.min(parameters.getInt(COSName.COLORS, 1), 32);
            long bits = parameters.getInt(COSName.BITS_PER_COMPONENT, 8);
            long columns = parameters.getInt(COSName.COLUMNS, 1);
            if ((columns * colors * bits + 7) / 8 > limits.maxDecodedBytes()) {
                throw reach(Failure.CONTENT_TOO_LARGE);
            }
        }
    }

    /** As PDFBox's Filter.getDecodeParams. */
    private static COSDictionary decodeParameters(COSDictionary stream, int index) {
        COSBase filter = stream.getDictionaryObject(COSName.F, COSName.FILTER);
        COSBase parameters = stream.getDictionaryObject(COSName.DP, COSName.DECODE_PARMS);
        if (filter instanceof COSName && parameters instanceof COSDictionary dictionary) {
            return dictionary;
        }
        if (filter instanceof COSArray && parameters instanceof COSArray array && index < array.size()
                && array.getObject(index) instanceof COSDictionary dictionary) {
            return dictionary;
        }
        return new COSDictionary();
    }

    /** Counts what a filter writes; keeps it only when another filter reads it next. */
    private final class Counter extends OutputStream {

        private final ByteArrayOutputStream kept;

        Counter(boolean keep) {
            this.kept = keep ? new ByteArrayOutputStream() : null;
        }

        @Override
        public void write(int b) {
            count(1);
            if (kept != null) {
                kept.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count(len);
            if (kept != null) {
                kept.write(b, off, len);
            }
        }

        private void count(int bytes) {
            checkTime();
            decodedBytes += bytes;
            if (decodedBytes > limits.maxDecodedBytes()) {
                throw reach(Failure.CONTENT_TOO_LARGE);
            }
        }

        InputStream asInput() {
            return new ByteArrayInputStream(kept == null ? new byte[0] : kept.toByteArray());
        }
    }

    /** The file, read by the parser; every 1024 reads the deadline is looked at. */
    private static final class TimedSource extends RandomAccessReadBuffer {

        private BoundedPdfParser parser;
        private int reads;

        TimedSource(byte[] file) {
            super(file);
        }

        private void tick() {
            if ((++reads & 1023) == 0 && parser != null) {
                parser.checkTime();
            }
        }

        @Override
        public int read() throws IOException {
            tick();
            return super.read();
        }

        @Override
        public int read(byte[] b, int offset, int length) throws IOException {
            tick();
            return super.read(b, offset, length);
        }
    }
}
