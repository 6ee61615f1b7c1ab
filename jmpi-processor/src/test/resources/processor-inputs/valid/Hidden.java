package demo.other;

import jmpi.op.Payload;

/** Package-private in another package than the registration, which must reach it through its codec. */
@Payload
record Hidden(boolean flag, byte b, short s, long l, float f, double d) {
}
