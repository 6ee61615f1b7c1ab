package jmpi.tests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A started process whose output is read line by line as it comes, so that a test can wait for a
 * line (the event) instead of sleeping. Closing it kills the process and everything it started.
 */
final class Running implements AutoCloseable {
    private final Process process;
    /** What marks the process and everything it starts; see {@link Jobs#mark}. */
    private final String mark;
    private final List<Line> lines = new ArrayList<>();
    private final Thread reader;
    private boolean ended;

    /** A line the process printed. */
    record Line(String text) {
    }

    private Running(Process process, String mark) {
        this.process = process;
        this.mark = mark;
        this.reader = new Thread(this::read, "running-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts pb with its error stream merged into its output. */
    static Running start(ProcessBuilder pb) throws IOException {
        String mark = Jobs.mark(pb);
        return new Running(pb.redirectErrorStream(true).start(), mark);
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String l;
            while ((l = in.readLine()) != null) {
                synchronized (this) {
                    lines.add(new Line(l));
                    notifyAll();
                }
            }
        } catch (IOException e) {
            // the process is gone
        } finally {
            synchronized (this) {
                ended = true;
                notifyAll();
            }
        }
    }

    /** Waits for the first line that matches; fails with everything printed so far if none comes in time. */
    synchronized Line await(Predicate<String> match, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int seen = 0;
        while (true) {
            for (; seen < lines.size(); seen++) {
                if (match.test(lines.get(seen).text())) {
                    return lines.get(seen);
                }
            }
            long left = deadline - System.nanoTime();
            if (ended || left <= 0) {
                throw new AssertionError((ended ? "output ended" : "nothing after " + timeout)
                        + " without the line waited for; it printed:\n" + text());
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    /**
     * Waits for the process to exit and its output to end; kills it and fails if that takes too long, or
     * if anything it started still runs after it.
     */
    Jobs.Result waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            close();
            throw new AssertionError("still running after " + timeout + "; it printed:\n" + text());
        }
        reader.join(TimeUnit.SECONDS.toMillis(10));
        Jobs.assertNothingLeft(mark, text());
        return new Jobs.Result(process.exitValue(), text());
    }

    /** Everything printed so far. */
    synchronized String text() {
        StringBuilder b = new StringBuilder();
        for (Line l : lines) {
            b.append(l.text()).append('\n');
        }
        return b.toString();
    }

    Process process() {
        return process;
    }

    /** Kills the process and everything it started, its descendants and any that have outlived them. */
    @Override
    public void close() {
        Jobs.kill(process);
        Jobs.marked(mark).forEach(ProcessHandle::destroyForcibly);
    }
}
