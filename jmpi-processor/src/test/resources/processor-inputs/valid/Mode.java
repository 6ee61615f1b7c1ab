package demo;

/** Not marked: the processor registers it because PairReduce uses it. */
public enum Mode {
    FAST,
    EXACT
}
