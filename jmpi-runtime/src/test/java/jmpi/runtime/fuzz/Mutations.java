package jmpi.runtime.fuzz;

import java.util.Arrays;
import java.util.Random;

/**
 * Random and mutated inputs for the decoders' properties: random bytes, valid inputs with bytes
 * flipped, cut short, or with a length-like field overwritten by a huge or negative value. How many
 * tries a property makes: a few thousand in CI, {@code -Dfuzz.tries=N} for more.
 */
public final class Mutations {
    /** Values that a length field should never be trusted with. */
    private static final int[] LIES = {Integer.MAX_VALUE, Integer.MIN_VALUE, -1, -2, -3, 1 << 30, (1 << 31) - 8,
            0x7fff_0000, 65536, 0};

    /** The kinds of input a try makes. */
    public static final int KINDS = 5;

    private Mutations() {
    }

    /** How many tries each property makes: {@code fuzz.tries}, else def. */
    public static int tries(int def) {
        return Integer.getInteger("fuzz.tries", def);
    }

    /** Input number kind (0 random, 1 flipped, 2 truncated, 3 a lying length, 4 all of them) from valid. */
    public static byte[] input(byte[] valid, int kind, Random r) {
        return switch (kind) {
            case 0 -> random(r, 1 + r.nextInt(96));
            case 1 -> flip(valid, r);
            case 2 -> truncate(valid, r);
            case 3 -> lie(valid, r);
            default -> truncate(lie(flip(valid, r), r), r);
        };
    }

    static byte[] random(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    /** One to four bytes set to random values. */
    static byte[] flip(byte[] valid, Random r) {
        byte[] b = valid.clone();
        if (b.length == 0) {
            return b;
        }
        for (int i = 1 + r.nextInt(4); i > 0; i--) {
            b[r.nextInt(b.length)] = (byte) r.nextInt();
        }
        return b;
    }

    /** Cut short anywhere, the empty input included. */
    static byte[] truncate(byte[] valid, Random r) {
        return Arrays.copyOf(valid, valid.length == 0 ? 0 : r.nextInt(valid.length));
    }

    /** Four bytes anywhere overwritten by a huge, negative or zero int, big-endian as the protocol's. */
    static byte[] lie(byte[] valid, Random r) {
        byte[] b = valid.clone();
        if (b.length < 4) {
            return b;
        }
        int at = r.nextInt(b.length - 3);
        int v = LIES[r.nextInt(LIES.length)];
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
        return b;
    }
}
