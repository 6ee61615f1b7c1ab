package jmpi.runtime.serial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Objects far above Fory's default bound on the memory a graph may ask for (128 MiB) are read back
 * whole: the bound follows JMPI_SERIAL_SIZE, as any message under that limit may travel.
 */
class LargeObjectTest {
    @Test
    void anArrayOf200MiBComesBackWhole() {
        ObjectSerializer serial = new ObjectSerializer(List.of(), getClass().getClassLoader(), 1L << 30);
        byte[] big = new byte[200 << 20];
        for (int i = 0; i < big.length; i += 4099) {
            big[i] = (byte) (i * 31);
        }
        byte[] back = (byte[]) serial.fromBytes(serial.toBytes(big));
        assertEquals(big.length, back.length);
        assertArrayEquals(big, back);
    }

    @Test
    void theDefaultLimitReadsLargeLongArraysToo() {
        ObjectSerializer serial = new ObjectSerializer(List.of(), getClass().getClassLoader());
        long[] big = new long[20 << 20];
        big[big.length - 1] = 42;
        long[] back = (long[]) serial.fromBytes(serial.toBytes(big));
        assertEquals(42, back[back.length - 1]);
        assertEquals(big.length, back.length);
    }
}
