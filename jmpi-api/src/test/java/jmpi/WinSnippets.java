package jmpi;

/** The one-sided example of {@link Win}'s Javadoc, compiled here so that it stays true to the API. */
final class WinSnippets {
    private WinSnippets() {
    }

    static long ticket(Comm comm) {
        // @start region="fetch-and-op"
        Win win = Win.allocate(Long.BYTES, Long.BYTES, comm);
        long[] one = {1}, before = new long[1];
        win.Lock(MPI.LOCK_EXCLUSIVE, 0);
        win.Fetch_and_op(one, before, 0, 0, MPI.SUM);         // before[0] is unique to this rank
        win.Unlock(0);
        win.free();
        // @end
        return before[0];
    }
}
