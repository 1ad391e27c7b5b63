package cn.titlecert.certificate;

import java.util.Locale;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Certificate numbers (R11, Tianjin notice 三(二)4):
 *
 * <pre>
 *   [prefix] letter  year  region  serial
 *    GZZC     B      2026  120000  000042   →  GZZCB2026120000000042
 * </pre>
 *
 * <ul>
 * <li>{@code prefix}: the configured province prefix ({@code titlecert.certificates.number-prefix}, 0–8 capital
 * letters, e.g. GZZC as Guizhou prints it); empty by default, so the number is "a letter then digits" as Tianjin
 * requires;</li>
 * <li>{@code letter}: the level, A 正高级, B 副高级, C 中级, D 助理级, E 员级;</li>
 * <li>{@code year}: the issue year, four digits;</li>
 * <li>{@code region}: the six-digit administrative region code of the issuing authority (GB/T 2260);</li>
 * <li>{@code serial}: at least six digits, counted per series (prefix + letter + year + region) from 1.</li>
 * </ul>
 *
 * Serials come from a counter row per series in {@code certificate_serial}, incremented in a short transaction of
 * its own: the database's row lock orders concurrent nodes, and the unique key on {@code certificate.number} is the
 * last guard. A generation that fails after taking a number leaves a gap; numbers are unique, not gapless.
 */
@Service
public class CertificateNumbering {

    static final int SERIAL_DIGITS = 6;

    private final CertificateSerialMapper serials;
    private final TransactionTemplate ownTransaction;
    private final String prefix;

    public CertificateNumbering(CertificateSerialMapper serials, PlatformTransactionManager transactions,
            CertificateProperties properties) {
        this.serials = serials;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.ownTransaction.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
        this.prefix = properties.numberPrefix();
    }

    /** The next number of the series; commits the counter at once, whatever the caller's transaction does. */
    public String next(TitleLevel level, int year, String regionCode) {
        String series = series(level, year, regionCode);
        long serial = ownTransaction.execute(status -> take(series));
        return series + String.format(Locale.ROOT, "%0" + SERIAL_DIGITS + "d", serial);
    }

    String series(TitleLevel level, int year, String regionCode) {
        if (year < 1000 || year > 9999) {
            throw new IllegalArgumentException("year must have four digits");
        }
        if (regionCode == null || !regionCode.matches("\\d{6}")) {
            throw new IllegalArgumentException("region code must have six digits");
        }
        return prefix + level.letter() + year + regionCode;
    }

    private long take(String series) {
        for (int attempt = 0; attempt < 3; attempt++) {
            if (serials.increment(series) == 1) {
                return serials.current(series);
            }
            try {
                serials.insertFirst(series);
                return 1;
            } catch (DuplicateKeyException anotherNodeCreatedIt) {
                // The row exists now: the next round increments it.
            }
        }
        throw new IllegalStateException("could not take a serial for " + series);
    }
}
