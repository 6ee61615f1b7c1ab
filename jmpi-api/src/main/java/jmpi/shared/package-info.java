/**
 * State that every rank of a communicator shares, held by the coordinator: counters, locks,
 * semaphores and maps, each named per communicator ({@link jmpi.Comm#counter(String)},
 * {@link jmpi.Comm#lock(String)}, {@link jmpi.Comm#semaphore(String, int)},
 * {@link jmpi.Comm#map(String)}).
 *
 * <p>Every operation is one call to the coordinator and its answer. The state of a job lives until
 * the job ends, and all of it together is bounded by {@code JMPI_SERIAL_QUEUE}: an operation that
 * would hold more fails with an {@link jmpi.MPIException} of class {@link jmpi.MPI#ERR_BUFFER}, and
 * the state stays as it was.
 */
package jmpi.shared;
