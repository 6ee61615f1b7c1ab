package jmpi.exec;

import java.util.List;
import java.util.stream.IntStream;
import jmpi.Comm;
import jmpi.op.Payload;

/** The examples of {@link Task}'s and {@link TaskPool}'s Javadoc, compiled here so that they stay true to the API. */
final class TaskPoolSnippets {
    private TaskPoolSnippets() {
    }

    // @start region="task"
    @Payload
    record Square(int x) implements Task<Integer> {
        public Integer call() {
            return x * x;
        }
    }
    // @end

    static void sumOfSquares(Comm comm) {
        // @start region="pool"
        List<Square> tasks = IntStream.range(0, 1000).mapToObj(Square::new).toList();
        try (TaskPool pool = TaskPool.open(comm, 0)) {        // the same code on every rank
            if (pool.isRoot()) {
                int sum = pool.map(tasks, 16).mapToInt(Integer::intValue).sum();   // results in the tasks' order
                System.out.println(sum);
            }
        }
        // @end
    }
}
