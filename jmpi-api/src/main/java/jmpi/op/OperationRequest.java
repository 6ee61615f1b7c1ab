package jmpi.op;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One submission of a custom operation: the group, the context and this rank's data.
 *
 * @param <T> what each source rank contributes
 * @param <R> what each destination rank receives
 */
public final class OperationRequest<T, R> {
    private static final AtomicLong IDS = new AtomicLong();

    private final CommunicationGroup group;
    private final OperationContext<T, R> ctx;
    private final T data;
    private final long id;

    private OperationRequest(CommunicationGroup group, OperationContext<T, R> ctx, T data) {
        this.group = Objects.requireNonNull(group, "group == null");
        this.ctx = Objects.requireNonNull(ctx, "ctx == null");
        this.data = data;
        this.id = IDS.incrementAndGet();
    }

    /**
     * A request to run ctx over group with this rank's data (ignored unless this rank is a source).
     *
     * @param group the ranks involved, not null
     * @param ctx the operation, not null
     * @param data this rank's data
     * @param <T> what each source rank contributes
     * @param <R> what each destination rank receives
     * @return the request, to pass to {@link jmpi.Comm#submit(OperationRequest)}
     */
    public static <T, R> OperationRequest<T, R> of(CommunicationGroup group, OperationContext<T, R> ctx, T data) {
        return new OperationRequest<>(group, ctx, data);
    }

    /**
     * The ranks the operation involves.
     *
     * @return the group
     */
    public CommunicationGroup group() {
        return group;
    }

    /**
     * What the coordinator applies.
     *
     * @return the operation
     */
    public OperationContext<T, R> ctx() {
        return ctx;
    }

    /**
     * This rank's data.
     *
     * @return the data
     */
    public T data() {
        return data;
    }

    /**
     * An id unique within this process, for tracing.
     *
     * @return the id
     */
    public long id() {
        return id;
    }

    @Override
    public String toString() {
        return "OperationRequest[id=" + id + ", group=" + group + ", ctx=" + ctx.getClass().getName() + "]";
    }
}
