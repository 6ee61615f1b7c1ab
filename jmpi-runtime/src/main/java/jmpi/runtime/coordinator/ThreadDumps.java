package jmpi.runtime.coordinator;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import jmpi.runtime.wire.RankQuery;
import jmpi.runtime.wire.RankReport;

/**
 * The threads of every rank, for {@code jmpirun --status --threads}: the coordinator asks each
 * connected rank ({@link RankQuery}) and collects the answers; once all are in, or the time is up
 * ({@link #due}), the text goes out, naming the ranks that did not answer.
 */
final class ThreadDumps {
    /** One question to the job's ranks, and the answers so far by world rank. */
    private static final class Round {
        final String[] answers;
        final boolean[] asked;
        final CompletableFuture<String> done;
        int waiting;

        Round(int size, CompletableFuture<String> done) {
            this.answers = new String[size];
            this.asked = new boolean[size];
            this.done = done;
        }
    }

    private final Replies replies;
    private final Map<Integer, Round> rounds = new HashMap<>();
    private int next;

    ThreadDumps(Replies replies) {
        this.replies = replies;
    }

    /** Asks every connected rank of job for its threads; returns the question's id, for {@link #due}. */
    int ask(Job job, CompletableFuture<String> done) {
        int id = ++next;
        if (job == null) {
            done.complete("no job");
            return id;
        }
        Round round = new Round(job.size, done);
        for (int r = 0; r < job.size; r++) {
            if (job.port(r) != null && !job.left[r]) {
                round.asked[r] = true;
                round.waiting++;
                replies.tell(r, new RankQuery(id));
            }
        }
        rounds.put(id, round);
        replies.flush();
        finishIfComplete(id, round);
        return id;
    }

    void report(int rank, RankReport r) {
        Round round = rounds.get(r.id());
        if (round != null && rank >= 0 && rank < round.answers.length && round.asked[rank]
                && round.answers[rank] == null) {
            round.answers[rank] = r.threads();
            round.waiting--;
            finishIfComplete(r.id(), round);
        }
    }

    /** The time for question id is up: what has come goes out. */
    void due(int id) {
        Round round = rounds.remove(id);
        if (round != null) {
            round.done.complete(text(round));
        }
    }

    private void finishIfComplete(int id, Round round) {
        if (round.waiting == 0) {
            rounds.remove(id);
            round.done.complete(text(round));
        }
    }

    private static String text(Round round) {
        StringBuilder b = new StringBuilder();
        for (int r = 0; r < round.answers.length; r++) {
            b.append("\n--- threads of rank ").append(r).append(" ---\n");
            if (round.answers[r] != null) {
                b.append(round.answers[r]);
            } else {
                b.append(round.asked[r] ? "(no answer in time)\n" : "(not connected)\n");
            }
        }
        return b.toString();
    }
}
