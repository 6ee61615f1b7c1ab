package jmpi.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkloadTest {

    @Test
    void onlyTheLargestSizeWithoutSteps() {
        List<Integer> sizes = Workload.sizes(8, 0, 21, 0.5, 500, 0);
        assertEquals(500, sizes.size());
        assertEquals(List.of(1 << 21), sizes.stream().distinct().toList());
    }

    @Test
    void smallerSizesAreMoreNumerous() {
        // pympi's "Mix" case: 1024 × 2^8, 512 × 2^10, …, 2 × 2^26, then one 2^28
        List<Integer> sizes = Workload.sizes(8, 2, 28, 0.5, 1, 0);
        assertEquals(2047, sizes.size());
        assertEquals(1024, Collections.frequency(sizes, 1 << 8));
        assertEquals(2, Collections.frequency(sizes, 1 << 26));
        assertEquals(1, Collections.frequency(sizes, 1 << 28));
    }

    @Test
    void theOrderDependsOnlyOnTheSeed() {
        assertEquals(Workload.sizes(4, 1, 10, 1.0, 3, 0), Workload.sizes(4, 1, 10, 1.0, 3, 0));
        List<Integer> sorted = new ArrayList<>(Workload.sizes(4, 1, 10, 1.0, 3, 0));
        Collections.sort(sorted);
        List<Integer> other = new ArrayList<>(Workload.sizes(4, 1, 10, 1.0, 3, 1));
        Collections.sort(other);
        assertEquals(sorted, other);
    }

    @Test
    void sizesBeyondAJavaArrayAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Workload.sizes(8, 2, 32, 0.5, 1, 0));
    }

    @Test
    void splitGivesTheRemainderToTheFirstParts() {
        List<byte[]> parts = Workload.split(Workload.contents(10), 4);
        assertEquals(List.of(3, 3, 2, 2), parts.stream().map(p -> p.length).toList());
        assertArrayEquals(new byte[] {6, 7}, parts.get(2));
        assertArrayEquals(new byte[] {8, 9}, parts.get(3));
    }

    @Test
    void paddingOnlyWhenTheSplitIsUneven() {
        byte[] even = Workload.contents(16);
        assertEquals(even, Workload.padded(even, 4));
        assertEquals(12, Workload.padded(Workload.contents(10), 4).length);
    }
}
