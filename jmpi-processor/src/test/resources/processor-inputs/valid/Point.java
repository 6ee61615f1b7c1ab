package demo;

import jmpi.op.Payload;

@Payload
record Point(int x, int y) {
}
