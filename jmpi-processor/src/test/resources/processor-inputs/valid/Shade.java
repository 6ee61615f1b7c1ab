package demo;

import jmpi.op.Payload;

@Payload
enum Shade {
    LIGHT,
    DARK
}
