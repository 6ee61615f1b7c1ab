package demo;

import java.time.Instant;
import jmpi.op.Payload;

@Payload
record SerialNamed(Instant when) {
}
