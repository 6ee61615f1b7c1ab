package demo;

import jmpi.op.Payload;

final class PrivatePayload {
    @Payload
    private record Hidden(int x) {
    }
}
