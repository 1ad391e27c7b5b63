package cn.titlecert.certificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** Numbers follow the documented format for every level and stay unique when many threads take them at once. */
@SpringBootTest
class CertificateNumberingTest {

    @Autowired
    CertificateNumbering numbering;

    /** A region code no other run has used, so the series starts at 1 even on a shared MariaDB. */
    private static String freshRegion() {
        return String.format("%06d", ThreadLocalRandom.current().nextInt(100000, 999999));
    }

    @Test
    void everyLevelHasItsLetterThenYearRegionAndASixDigitSerial() {
        String region = freshRegion();
        assertThat(numbering.next(TitleLevel.SENIOR, 2026, region)).isEqualTo("A2026" + region + "000001");
        assertThat(numbering.next(TitleLevel.DEPUTY_SENIOR, 2026, region)).isEqualTo("B2026" + region + "000001");
        assertThat(numbering.next(TitleLevel.INTERMEDIATE, 2026, region)).isEqualTo("C2026" + region + "000001");
        assertThat(numbering.next(TitleLevel.ASSISTANT, 2026, region)).isEqualTo("D2026" + region + "000001");
        assertThat(numbering.next(TitleLevel.JUNIOR, 2026, region)).isEqualTo("E2026" + region + "000001");
        assertThat(numbering.next(TitleLevel.JUNIOR, 2026, region)).isEqualTo("E2026" + region + "000002");
        assertThat(numbering.next(TitleLevel.JUNIOR, 2027, region)).as("a new year starts a new series")
                .isEqualTo("E2027" + region + "000001");
    }

    @Test
    void refusesMalformedRegionsAndYears() {
        assertThatThrownBy(() -> numbering.next(TitleLevel.SENIOR, 2026, "12000")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> numbering.next(TitleLevel.SENIOR, 2026, "12000X")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> numbering.next(TitleLevel.SENIOR, 226, "120000")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theProvincePrefixComesFirst() {
        CertificateProperties gz = new CertificateProperties("GZZC", null, "guizhou", null, null);
        assertThat(gz.numberPrefix()).isEqualTo("GZZC");
        assertThatThrownBy(() -> new CertificateProperties("gz-1", null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void concurrentThreadsNeverGetTheSameNumberAndLeaveNoGaps() throws Exception {
        String region = freshRegion();
        int threads = 6;
        int perThread = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<List<String>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Callable<List<String>> task = () -> {
                    start.await();
                    List<String> mine = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        mine.add(numbering.next(TitleLevel.INTERMEDIATE, 2026, region));
                    }
                    return mine;
                };
                futures.add(pool.submit(task));
            }
            start.countDown();
            Set<String> all = new HashSet<>();
            int total = 0;
            for (Future<List<String>> f : futures) {
                List<String> mine = f.get();
                total += mine.size();
                all.addAll(mine);
            }
            assertThat(total).isEqualTo(threads * perThread);
            assertThat(all).as("no duplicates").hasSize(threads * perThread);
            Set<String> expected = new HashSet<>();
            for (int serial = 1; serial <= threads * perThread; serial++) {
                expected.add(String.format("C2026%s%06d", region, serial));
            }
            assertThat(all).isEqualTo(expected);
        } finally {
            pool.shutdownNow();
        }
    }
}
