package demo;

import jmpi.op.Operation;

@Operation
enum OperationOnEnum {
    ONE
}
