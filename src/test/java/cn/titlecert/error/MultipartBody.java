package cn.titlecert.error;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** A multipart/form-data body for tests over real HTTP, with files of any size that are never held whole. */
public final class MultipartBody {

    public static final String BOUNDARY = "----titlecert-test-boundary";
    public static final String CONTENT_TYPE = "multipart/form-data; boundary=" + BOUNDARY;

    private final List<byte[]> heads = new ArrayList<>();
    private final List<Long> zeros = new ArrayList<>();
    private final List<byte[]> contents = new ArrayList<>();

    public MultipartBody field(String name, String value) {
        return part("Content-Disposition: form-data; name=\"" + name + "\"\r\n\r\n",
                value.getBytes(StandardCharsets.UTF_8), 0);
    }

    public MultipartBody file(String name, String contentType, byte[] content) {
        return part(fileHead(name, contentType), content, 0);
    }

    /** A file of {@code content} followed by {@code zeros} zero bytes. */
    public MultipartBody file(String name, String contentType, byte[] content, long zeros) {
        return part(fileHead(name, contentType), content, zeros);
    }

    private static String fileHead(String name, String contentType) {
        return "Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + name + "\"\r\nContent-Type: "
                + contentType + "\r\n\r\n";
    }

    private MultipartBody part(String head, byte[] content, long zeroBytes) {
        heads.add(("--" + BOUNDARY + "\r\n" + head).getBytes(StandardCharsets.UTF_8));
        contents.add(content);
        zeros.add(zeroBytes);
        return this;
    }

    private List<InputStream> streams() {
        List<InputStream> streams = new ArrayList<>();
        for (int i = 0; i < heads.size(); i++) {
            streams.add(new ByteArrayInputStream(heads.get(i)));
            streams.add(new ByteArrayInputStream(contents.get(i)));
            streams.add(new Zeros(zeros.get(i)));
            streams.add(new ByteArrayInputStream("\r\n".getBytes(StandardCharsets.ISO_8859_1)));
        }
        streams.add(new ByteArrayInputStream(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.ISO_8859_1)));
        return streams;
    }

    /** Sent with its length (Content-Length), as a browser sends a form. */
    public HttpRequest.BodyPublisher withLength() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (InputStream stream : streams()) {
            try (stream) {
                stream.transferTo(body);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return HttpRequest.BodyPublishers.ofByteArray(body.toByteArray());
    }

    /** Sent in chunks, without announcing its length. */
    public HttpRequest.BodyPublisher chunked() {
        return HttpRequest.BodyPublishers.ofInputStream(
                () -> new SequenceInputStream(Collections.enumeration(streams())));
    }

    private static final class Zeros extends InputStream {

        private long left;

        Zeros(long size) {
            this.left = size;
        }

        @Override
        public int read() {
            if (left <= 0) {
                return -1;
            }
            left--;
            return 0;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            Arrays.fill(b, off, off + n, (byte) 0);
            left -= n;
            return n;
        }
    }
}
