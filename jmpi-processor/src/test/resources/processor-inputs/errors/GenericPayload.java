package demo;

import jmpi.op.Payload;

@Payload
record GenericPayload<T>(T value) {
}
