package demo;

import jmpi.op.CommunicationGroup;
import jmpi.op.Operation;
import jmpi.op.OperationContext;

@Operation
record MissingApply(int x) implements OperationContext<Integer, Integer> {
    CommunicationGroup group(int size) {
        return CommunicationGroup.all(size);
    }
}
