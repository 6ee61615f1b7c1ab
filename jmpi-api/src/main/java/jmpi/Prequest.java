package jmpi;

import java.util.List;

/**
 * A persistent request: an operation set up once (arguments checked, buffers and peers fixed, a
 * collective's algorithm chosen) and then started any number of times, each start reading the send
 * buffer's contents afresh, as MPI's persistent requests.
 *
 * <p>A new request is inactive. {@link #start()} makes it active; once {@link #waitFor()},
 * {@link #status()} or {@link #test()} has seen the operation complete it is inactive again and may be
 * started again. On an inactive request these return at once: the result and status of its last
 * start, or {@code null} and an empty status (source {@link MPI#ANY_SOURCE}, tag {@link MPI#ANY_TAG},
 * count 0) if it has never been started or has been freed.
 *
 * {@snippet class=jmpi.CollectiveSnippets region=persistent}
 *
 * @param <T> the type of each start's result ({@code Void} for buffer operations)
 */
public interface Prequest<T> extends Request<T> {
    /**
     * Starts the operation with the buffers' current contents. ERR_REQUEST if the request is active
     * (complete it with {@link #waitFor()} or {@link #test()} first) or has been freed.
     */
    void start();

    /**
     * Releases the request: it cannot be started again. An operation it started goes on to complete
     * (a send is still delivered), but this request no longer reports it.
     */
    void free();

    /**
     * Starts every request, in list order; one that is refused (ERR_REQUEST) leaves those before it started.
     *
     * @param requests the requests to start
     */
    static void startAll(List<? extends Prequest<?>> requests) {
        for (Prequest<?> r : requests) {
            r.start();
        }
    }
}
