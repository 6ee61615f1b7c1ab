package jmpi.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Arrays;
import java.util.Random;
import jmpi.Config;
import jmpi.Op;
import jmpi.tests.ops.UserOps;
import org.junit.jupiter.api.Test;

/**
 * Non-commutative user operations at random sizes and data, 1 to 5 ranks in this JVM, against a
 * sequential fold in rank order: string concatenation on objects, composition of affine maps on int
 * buffers (the buffer large enough, at times, for the algorithms of large buffers to be candidates).
 */
class UserOpPropertiesTest {

    @Test
    void concatenationIsTheFoldInRankOrder() {
        qt().withExamples(15).forAll(integers().between(1, 5), longs().all()).checkAssert((n, seed) -> {
            Random random = new Random(seed);
            String[] words = new String[n];
            for (int r = 0; r < n; r++) {
                words[r] = Long.toString(random.nextLong(), 36);
            }
            int root = random.nextInt(n);
            Op concat = UserOps.concat();
            run(n, (rank, s) -> {
                String all = String.join("", words);
                assertEquals(all, s.world().allreduce(words[rank], concat));
                String reduced = s.world().reduce(words[rank], concat, root);
                assertEquals(rank == root ? all : null, reduced);
                assertEquals(String.join("", Arrays.copyOf(words, rank + 1)), s.world().scan(words[rank], concat));
                assertEquals(rank == 0 ? null : String.join("", Arrays.copyOf(words, rank)),
                        s.world().exscan(words[rank], concat));
            });
        });
    }

    @Test
    void affineCompositionIsTheFoldInRankOrder() {
        qt().withExamples(15).forAll(integers().between(1, 5), integers().between(0, 40_000), longs().all())
                .checkAssert((n, pairs, seed) -> {
                    Random random = new Random(seed);
                    int[][] d = new int[n][2 * pairs];
                    for (int[] row : d) {
                        for (int i = 0; i < row.length; i++) {
                            row[i] = random.nextInt();
                        }
                    }
                    int[][] prefix = new int[n][];
                    prefix[0] = d[0];
                    for (int r = 1; r < n; r++) {
                        prefix[r] = UserOps.compose(prefix[r - 1], d[r]);
                    }
                    int root = random.nextInt(n);
                    Op affine = UserOps.affine();
                    run(n, (rank, s) -> {
                        int[] got = new int[2 * pairs];
                        s.world().Allreduce(d[rank], got, affine);
                        assertArrayEquals(prefix[n - 1], got, "allreduce at rank " + rank + " of " + n);
                        int[] red = new int[2 * pairs];
                        s.world().Reduce(d[rank], red, affine, root);
                        if (rank == root) {
                            assertArrayEquals(prefix[n - 1], red, "reduce");
                        }
                        int[] scan = new int[2 * pairs];
                        s.world().Scan(d[rank], scan, affine);
                        assertArrayEquals(prefix[rank], scan, "scan");
                    });
                });
    }

    private static void run(int n, InJvmJob.RankBody body) {
        try (InJvmJob job = InJvmJob.start(n, Config.DATA_DIRECT)) {
            job.run(body);
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
    }
}
