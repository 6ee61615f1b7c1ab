package demo;

import jmpi.exec.Task;
import jmpi.op.Payload;

class UnmarkedTask {
    record Square(long x) implements Task<Long> {
        public Long call() {
            return x * x;
        }
    }

    @Payload
    record Marked(long x) implements Task<Long> {
        public Long call() {
            return x;
        }
    }

    static final class Counting implements Task<Integer> {
        public Integer call() {
            return 1;
        }
    }

    abstract static class Base implements Task<Integer> {
    }
}
