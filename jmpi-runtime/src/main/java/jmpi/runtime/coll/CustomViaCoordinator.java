package jmpi.runtime.coll;

import io.netty.buffer.ByteBuf;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.op.OperationContext;
import jmpi.runtime.wire.CustomCall;
import jmpi.runtime.wire.Kind;
import jmpi.runtime.wire.Parts;

/**
 * A custom operation: the context's {@code apply} runs here with every source's data, and each
 * destination gets its entry of the result. An exception thrown by {@code apply} reaches every member.
 */
final class CustomViaCoordinator extends ViaCoordinator {
    CustomViaCoordinator() {
        super(Kind.CUSTOM);
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void complete(Gathered calls, Answers answers) {
        CustomCall first = (CustomCall) calls.call(0);
        // the context of the group's root decides, as every member sent the same one
        int[] src = first.src();
        int[] dst = first.dst();
        int root = src.length > 0 ? min(src) : min(dst);
        Object context = answers.serial().fromBytes(calls.callOfRank(root).parts()[0]);
        if (!(context instanceof OperationContext)) {
            throw new MPIException(MPI.ERR_ARG, "not an OperationContext: "
                    + (context == null ? "null" : context.getClass()));
        }
        Map<Integer, Object> in = new TreeMap<>();
        for (int r : src) {
            ByteBuf[] parts = calls.callOfRank(r).parts();
            in.put(r, parts.length > 1 ? answers.serial().fromBytes(parts[1]) : null);
        }
        Set<Integer> out = new TreeSet<>();
        for (int r : dst) {
            out.add(r);
        }
        Map<Integer, Object> results = ((OperationContext) context).apply(Collections.unmodifiableMap(in),
                Collections.unmodifiableSet(out));
        Map<Integer, byte[]> bytes = new HashMap<>();
        for (int r : out) {
            bytes.put(r, answers.serial().toBytes(results == null ? null : results.get(r)));
        }
        answers.answerAll(calls, i -> {
            byte[] b = bytes.get(calls.commRank(i));
            return b == null ? Parts.NONE : new ByteBuf[] {Parts.wrap(b)};
        });
    }

    private static int min(int[] ranks) {
        int m = Integer.MAX_VALUE;
        for (int r : ranks) {
            m = Math.min(m, r);
        }
        return m;
    }
}
