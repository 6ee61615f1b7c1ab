package jmpi.spi;

import jmpi.Comm;
import jmpi.Win;

/** What the runtime module provides for {@link Win#allocate} and {@link Win#create}, through {@link java.util.ServiceLoader}. */
public interface Windows {
    /**
     * Makes a window of memory it allocates (collective over comm).
     *
     * @param bytes    the size of this rank's part, in bytes
     * @param dispUnit the bytes one unit of displacement stands for, at this rank
     * @param comm     the ranks of the window
     * @return the window
     */
    Win allocate(long bytes, int dispUnit, Comm comm);

    /**
     * Makes a window over a buffer of this rank (collective over comm).
     *
     * @param buf      a primitive array or nio buffer, this rank's part of the window
     * @param dispUnit the bytes one unit of displacement stands for, at this rank
     * @param comm     the ranks of the window
     * @return the window
     */
    Win create(Object buf, int dispUnit, Comm comm);
}
