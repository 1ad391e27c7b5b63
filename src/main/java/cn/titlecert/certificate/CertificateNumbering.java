package cn.titlecert.certificate;

import java.util.Locale;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.TransientDataAccessException;
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
    private static final int MAX_ATTEMPTS = 10;

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
        return series + String.format(Locale.ROOT, "%0" + SERIAL_DIGITS + "d", take(series));
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

    /**
     * Increments the series' row in a transaction of its own. A new series first gets its row (value 0) in a
     * separate transaction: incrementing a row that exists takes a plain record lock, whereas "update nothing,
     * then insert" in one transaction takes InnoDB gap locks that deadlock between concurrent nodes (found by
     * the concurrency test on MariaDB). Lock conflicts the database still reports are retried.
     */
    private long take(String series) {
        for (int attempt = 1; ; attempt++) {
            try {
                Long serial = ownTransaction.execute(status -> serials.increment(series) == 1 ? serials.current(series) : null);
                if (serial != null) {
                    return serial;
                }
                ownTransaction.executeWithoutResult(status -> {
                    try {
                        serials.insertEmpty(series);
                    } catch (DuplicateKeyException anotherNodeCreatedIt) {
                        // The row exists now either way: the next round increments it.
                    }
                });
            } catch (TransientDataAccessException conflict) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw conflict;
                }
            }
            if (attempt >= MAX_ATTEMPTS) {
                throw new IllegalStateException("could not take a serial for " + series);
            }
        }
    }

}
