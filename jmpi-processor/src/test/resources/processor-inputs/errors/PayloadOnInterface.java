package demo;

import jmpi.op.Payload;

@Payload
interface PayloadOnInterface {
}
