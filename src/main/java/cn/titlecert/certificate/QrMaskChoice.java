package cn.titlecert.certificate;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.decoder.Version;
import com.google.zxing.qrcode.encoder.ByteMatrix;

/**
 * The data mask ISO/IEC 18004 (7.8.3) asks for: of the eight, the one whose symbol scores the lowest penalty, the
 * lowest-numbered on a tie, scored by the same four rules as ZXing's own encoder. ZXing builds and scores each of
 * the eight symbols from scratch (about 0.3 ms per code, 7% of a certificate's generation); here the eight are
 * derived from one symbol ZXing built with mask 0, by flipping its data modules where the two masks differ and
 * writing each mask's format information, and scored with rows and columns as bit words (about 80 µs per code in
 * all). {@code QrMaskChoiceTest} checks that the derived symbols are ZXing's, module for module, that both ways of
 * counting agree, and that the choice is ZXing's on thousands of codes.
 */
final class QrMaskChoice {

    private static final int MASKS = 8;
    private static final int FORMAT_POLY = 0x537;
    private static final int FORMAT_XOR = 0x5412;
    /** Where the 15 format bits go around the top-left finder pattern, least significant bit first: {x, y}. */
    private static final int[][] FORMAT_TOP_LEFT = {
            {8, 0}, {8, 1}, {8, 2}, {8, 3}, {8, 4}, {8, 5}, {8, 7}, {8, 8},
            {7, 8}, {5, 8}, {4, 8}, {3, 8}, {2, 8}, {1, 8}, {0, 8}};

    /** Per version: for each mask, which modules it turns over ({@code flips[mask][y][x]}); function modules never. */
    private static final ConcurrentMap<Integer, boolean[][][]> FLIPS = new ConcurrentHashMap<>();

    private QrMaskChoice() {
    }

    /**
     * @param withMask0 the symbol ZXing encoded with {@code EncodeHintType.QR_MASK_PATTERN} 0 (values 0 and 1)
     * @return the mask ZXing's encoder would choose for the same content
     */
    static int lowestPenalty(ByteMatrix withMask0, Version version, ErrorCorrectionLevel level) {
        boolean[][][] flips = flipsOf(version);
        byte[][] symbol = new byte[withMask0.getWidth()][withMask0.getWidth()];
        int best = -1;
        int lowest = Integer.MAX_VALUE;
        for (int mask = 0; mask < MASKS; mask++) {
            applyMask(withMask0.getArray(), flips[mask], level, mask, symbol);
            int penalty = penalty(symbol);
            if (penalty < lowest) {
                lowest = penalty;
                best = mask;
            }
        }
        return best;
    }

    /** A symbol of this version with the given mask, derived from the mask-0 symbol (for the test). */
    static byte[][] derive(ByteMatrix withMask0, Version version, ErrorCorrectionLevel level, int mask) {
        byte[][] symbol = new byte[withMask0.getWidth()][withMask0.getWidth()];
        applyMask(withMask0.getArray(), flipsOf(version)[mask], level, mask, symbol);
        return symbol;
    }

    /** Writes into {@code symbol} the mask-0 symbol turned over where {@code turn} says, with this mask's format bits. */
    private static void applyMask(byte[][] base, boolean[][] turn, ErrorCorrectionLevel level, int mask,
            byte[][] symbol) {
        for (int y = 0; y < symbol.length; y++) {
            byte[] from = base[y];
            byte[] to = symbol[y];
            boolean[] t = turn[y];
            for (int x = 0; x < to.length; x++) {
                to[x] = t[x] ? (byte) (from[x] ^ 1) : from[x];
            }
        }
        writeFormat(symbol, formatBits(level, mask));
    }

    private static boolean[][][] flipsOf(Version version) {
        return FLIPS.computeIfAbsent(version.getVersionNumber(), v -> flips(version));
    }

    /** Mask 0 was applied to every data module; mask m differs from it where their conditions differ. */
    private static boolean[][][] flips(Version version) {
        int size = version.getDimensionForVersion();
        boolean[][] function = functionModules(version, size);
        boolean[][][] flips = new boolean[MASKS][size][size];
        for (int mask = 0; mask < MASKS; mask++) {
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    flips[mask][y][x] = !function[y][x] && masked(mask, x, y) != masked(0, x, y);
                }
            }
        }
        return flips;
    }

    /** Finder patterns with separators, format areas (with the dark module), timing, alignment, version areas. */
    private static boolean[][] functionModules(Version version, int size) {
        boolean[][] function = new boolean[size][size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                boolean finder = inFinder(x, y, size);
                boolean format = (x == 8 && (y <= 8 || y >= size - 8)) || (y == 8 && (x <= 8 || x >= size - 8));
                boolean timing = x == 6 || y == 6;
                boolean versionInfo = version.getVersionNumber() >= 7
                        && ((x >= size - 11 && x <= size - 9 && y <= 5) || (y >= size - 11 && y <= size - 9 && x <= 5));
                function[y][x] = finder || format || timing || versionInfo;
            }
        }
        int[] centres = version.getAlignmentPatternCenters();
        for (int cy : centres) {
            for (int cx : centres) {
                if (inFinder(cx, cy, size)) {
                    continue;
                }
                for (int y = cy - 2; y <= cy + 2; y++) {
                    for (int x = cx - 2; x <= cx + 2; x++) {
                        function[y][x] = true;
                    }
                }
            }
        }
        return function;
    }

    /** In one of the three finder patterns or the separator around it (8 x 8 at the top left, top right, bottom left). */
    private static boolean inFinder(int x, int y, int size) {
        return (x < 8 && y < 8) || (x >= size - 8 && y < 8) || (x < 8 && y >= size - 8);
    }

    /** ISO/IEC 18004 table 10, as ZXing writes it: whether mask {@code mask} turns over module (x, y). */
    static boolean masked(int mask, int x, int y) {
        int product = x * y;
        int condition = switch (mask) {
            case 0 -> (y + x) & 1;
            case 1 -> y & 1;
            case 2 -> x % 3;
            case 3 -> (y + x) % 3;
            case 4 -> ((y / 2) + (x / 3)) & 1;
            case 5 -> (product & 1) + (product % 3);
            case 6 -> ((product & 1) + (product % 3)) & 1;
            case 7 -> ((product % 3) + ((y + x) & 1)) & 1;
            default -> throw new IllegalArgumentException("mask " + mask);
        };
        return condition == 0;
    }

    /** The 15 format bits: error correction level and mask, a BCH(15,5) code, XOR 101010000010010. */
    static int formatBits(ErrorCorrectionLevel level, int mask) {
        int data = (level.getBits() << 3) | mask;
        int remainder = data << 10;
        for (int bit = 14; bit >= 10; bit--) {
            if ((remainder & (1 << bit)) != 0) {
                remainder ^= FORMAT_POLY << (bit - 10);
            }
        }
        return ((data << 10) | remainder) ^ FORMAT_XOR;
    }

    /** Both copies: around the top-left finder, and split between the top-right and bottom-left ones. */
    private static void writeFormat(byte[][] symbol, int bits) {
        int size = symbol.length;
        for (int i = 0; i < 15; i++) {
            byte bit = (byte) ((bits >> i) & 1);
            symbol[FORMAT_TOP_LEFT[i][1]][FORMAT_TOP_LEFT[i][0]] = bit;
            if (i < 8) {
                symbol[8][size - 1 - i] = bit;
            } else {
                symbol[size - 7 + (i - 8)][8] = bit;
            }
        }
    }

    /** The four penalty rules as ZXing's {@code MaskUtil} counts them (N1 = 3, N2 = 3, N3 = 40, N4 = 10). */
    static int penalty(byte[][] m) {
        return m.length <= 64 ? penaltyInWords(m) : penaltyByModule(m);
    }

    /**
     * The same count with each row and each column as the bits of one {@code long} (symbols up to version 11,
     * 61 modules, which is every verification link): module by module, most of the time went to mispredicted
     * branches on the data's coin-flip modules.
     */
    static int penaltyInWords(byte[][] m) {
        int size = m.length;
        long[] rows = new long[size];
        long[] columns = new long[size];
        for (int y = 0; y < size; y++) {
            byte[] row = m[y];
            long bits = 0;
            for (int x = 0; x < size; x++) {
                long dark = row[x];
                bits |= dark << x;
                columns[x] |= dark << y;
            }
            rows[y] = bits;
        }
        long all = size == 64 ? -1L : (1L << size) - 1;
        int runs = 0;
        int finderLike = 0;
        int dark = 0;
        int blocks = 0;
        for (int i = 0; i < size; i++) {
            runs += runPenalty(rows[i], all) + runPenalty(columns[i], all);
            finderLike += finderLike(rows[i], size) + finderLike(columns[i], size);
            dark += Long.bitCount(rows[i]);
            if (i < size - 1) {
                long a = rows[i];
                long b = rows[i + 1];
                // Bit x: modules x and x+1 of both rows are alike.
                long alike = ~(a ^ (a >>> 1)) & ~(b ^ (b >>> 1)) & ~(a ^ b);
                blocks += Long.bitCount(alike & (all >>> 1));
            }
        }
        int cells = size * size;
        int balance = Math.abs(dark * 2 - cells) * 10 / cells;
        return runs + 3 * blocks + 40 * finderLike + 10 * balance;
    }

    /** A run of n >= 5 alike modules costs n - 2: one for each module from its fifth on, two more per run. */
    private static int runPenalty(long line, long all) {
        // Bit x: module x is like module x-1 (x >= 1).
        long same = ~(line ^ (line << 1)) & all & ~1L;
        // Bit x: modules x-4 .. x are alike.
        long fifth = same & (same << 1) & (same << 2) & (same << 3);
        return Long.bitCount(fifth) + 2 * Long.bitCount(fifth & ~(fifth << 1));
    }

    /** Dark-light-dark-dark-dark-light-dark with four light modules before or after it, inside the symbol. */
    private static int finderLike(long line, int size) {
        long starts = line & ~(line >>> 1) & (line >>> 2) & (line >>> 3) & (line >>> 4) & ~(line >>> 5) & (line >>> 6);
        starts &= size >= 7 ? (1L << (size - 6)) - 1 : 0;
        int count = 0;
        while (starts != 0) {
            int x = Long.numberOfTrailingZeros(starts);
            starts &= starts - 1;
            boolean lightBefore = x >= 4 && ((line >>> (x - 4)) & 0xF) == 0;
            boolean lightAfter = x + 11 <= size && ((line >>> (x + 7)) & 0xF) == 0;
            if (lightBefore || lightAfter) {
                count++;
            }
        }
        return count;
    }

    static int penaltyByModule(byte[][] m) {
        int size = m.length;
        int runs = 0;
        int blocks = 0;
        int finderLike = 0;
        int dark = 0;
        for (int i = 0; i < size; i++) {
            int rowRun = 0;
            int rowPrev = -1;
            int colRun = 0;
            int colPrev = -1;
            for (int j = 0; j < size; j++) {
                int r = m[i][j];
                if (r == rowPrev) {
                    rowRun++;
                } else {
                    runs += run(rowRun);
                    rowRun = 1;
                    rowPrev = r;
                }
                int c = m[j][i];
                if (c == colPrev) {
                    colRun++;
                } else {
                    runs += run(colRun);
                    colRun = 1;
                    colPrev = c;
                }
                dark += r;
            }
            runs += run(rowRun) + run(colRun);
        }
        for (int y = 0; y < size - 1; y++) {
            byte[] row = m[y];
            byte[] next = m[y + 1];
            for (int x = 0; x < size - 1; x++) {
                int v = row[x];
                if (v == row[x + 1] && v == next[x] && v == next[x + 1]) {
                    blocks++;
                }
            }
        }
        for (int y = 0; y < size; y++) {
            byte[] row = m[y];
            for (int x = 0; x < size; x++) {
                if (x + 6 < size && row[x] == 1 && row[x + 1] == 0 && row[x + 2] == 1 && row[x + 3] == 1
                        && row[x + 4] == 1 && row[x + 5] == 0 && row[x + 6] == 1
                        && (whiteInRow(row, x - 4, x) || whiteInRow(row, x + 7, x + 11))) {
                    finderLike++;
                }
                if (y + 6 < size && m[y][x] == 1 && m[y + 1][x] == 0 && m[y + 2][x] == 1 && m[y + 3][x] == 1
                        && m[y + 4][x] == 1 && m[y + 5][x] == 0 && m[y + 6][x] == 1
                        && (whiteInColumn(m, x, y - 4, y) || whiteInColumn(m, x, y + 7, y + 11))) {
                    finderLike++;
                }
            }
        }
        int cells = size * size;
        int balance = Math.abs(dark * 2 - cells) * 10 / cells;
        return runs + 3 * blocks + 40 * finderLike + 10 * balance;
    }

    private static int run(int length) {
        return length >= 5 ? 3 + (length - 5) : 0;
    }

    private static boolean whiteInRow(byte[] row, int from, int to) {
        if (from < 0 || row.length < to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (row[i] == 1) {
                return false;
            }
        }
        return true;
    }

    private static boolean whiteInColumn(byte[][] m, int column, int from, int to) {
        if (from < 0 || m.length < to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (m[i][column] == 1) {
                return false;
            }
        }
        return true;
    }
}
