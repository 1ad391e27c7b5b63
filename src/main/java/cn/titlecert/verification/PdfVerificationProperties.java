package cn.titlecert.verification;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import cn.titlecert.certificate.PdfSignatureCheck;

/**
 * What one upload to {@code POST /api/public/verify-pdf} may take ({@code titlecert.pdf-verification.*}). Our
 * certificates are about 100 KB, one page and some thirty objects, and decode a few kilobytes in a few milliseconds
 * while they are checked; the limits leave them wide room and keep a hostile file from taking more.
 *
 * @param maxFileSize the largest file accepted; larger uploads answer 413 (before the body is read, when the
 *        request announces its length)
 * @param maxDecodedSize the most bytes the streams PDFBox decodes while loading the file may decode to, all together
 * @param timeLimit one check stops past this
 * @param concurrentChecks checks run on this many threads of their own; an upload finding them all busy is refused
 *        at once (429), never queued
 * @param limit uploads per {@code window} and client address, refilled continuously (as the public query's)
 * @param maxTrackedClients above this many remembered addresses, idle ones are forgotten (bounded memory)
 */
@ConfigurationProperties("titlecert.pdf-verification")
public record PdfVerificationProperties(
        @DefaultValue("2MB") DataSize maxFileSize,
        @DefaultValue("10") int maxPages,
        @DefaultValue("1000") int maxObjects,
        @DefaultValue("4MB") DataSize maxDecodedSize,
        @DefaultValue("5s") Duration timeLimit,
        @DefaultValue("2") int concurrentChecks,
        @DefaultValue("20") int limit,
        @DefaultValue("1m") Duration window,
        @DefaultValue("100000") int maxTrackedClients) {

    public PdfVerificationProperties {
        if (maxFileSize.toBytes() < 1 || maxPages < 1 || maxObjects < 1 || maxDecodedSize.toBytes() < 1
                || timeLimit.isNegative() || timeLimit.isZero() || concurrentChecks < 1 || limit < 1
                || window.isNegative() || window.isZero() || maxTrackedClients < 1) {
            throw new IllegalArgumentException("titlecert.pdf-verification needs positive limits");
        }
    }

    PdfSignatureCheck.Limits checkLimits() {
        return new PdfSignatureCheck.Limits(maxPages, maxObjects, maxDecodedSize.toBytes(), timeLimit);
    }
}
