package jmpi.runtime.coordinator;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import jmpi.runtime.wire.RankQuery;
import jmpi.runtime.wire.RankReport;

/**
 * What every rank says of itself: the coordinator asks each connected rank ({@link RankQuery}) for
 * what it waits for on its links to its peers, which the coordinator cannot see, and, for
 * {@code jmpirun --status --threads}, its threads; once all answers are in, or the time is up
 * ({@link #due}), what has come goes to whoever asked, and the ranks that did not answer are named.
 */
final class ThreadDumps {
    /** One question to the job's ranks, and the answers so far by world rank. */
    static final class Round {
        final RankReport[] answers;
        final boolean[] asked;
        private final Consumer<Round> done;
        private int waiting;

        Round(int size, Consumer<Round> done) {
            this.answers = new RankReport[size];
            this.asked = new boolean[size];
            this.done = done;
        }

        /** The roll-call's lines (by world rank) with each rank's own waits added, as far as they came. */
        String[] withWaits(String[] lines) {
            String[] out = lines.clone();
            for (int r = 0; r < Math.min(out.length, answers.length); r++) {
                String own = answers[r] == null ? "" : String.join("; ", answers[r].waits().split("\n"));
                if (!own.isEmpty()) {
                    out[r] = out[r].startsWith("waits in ") ? out[r] + "; " + own : "waits in " + own;
                } else if (asked[r] && answers[r] == null) {
                    out[r] += " (it did not say in time what it waits for on its links)";
                }
            }
            return out;
        }

        /** Every rank's threads, as text. */
        String threads() {
            StringBuilder b = new StringBuilder();
            for (int r = 0; r < answers.length; r++) {
                b.append("\n--- threads of rank ").append(r).append(" ---\n");
                if (answers[r] != null) {
                    b.append(answers[r].threads());
                } else {
                    b.append(asked[r] ? "(no answer in time)\n" : "(not connected)\n");
                }
            }
            return b.toString();
        }
    }

    private final Replies replies;
    private final Map<Integer, Round> rounds = new HashMap<>();
    private int next;

    ThreadDumps(Replies replies) {
        this.replies = replies;
    }

    /**
     * Asks every connected rank of job what it waits for and, with threads, for its threads; done gets
     * the answers. Returns the question's id, for {@link #due}.
     */
    int ask(Job job, boolean threads, Consumer<Round> done) {
        int id = ++next;
        Round round = new Round(job == null ? 0 : job.size, done);
        for (int r = 0; r < round.answers.length; r++) {
            if (job.port(r) != null && !job.left[r]) {
                round.asked[r] = true;
                round.waiting++;
                replies.tell(r, new RankQuery(id, threads));
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
            round.answers[rank] = r;
            round.waiting--;
            finishIfComplete(r.id(), round);
        }
    }

    /** The time for question id is up: what has come goes out. */
    void due(int id) {
        Round round = rounds.remove(id);
        if (round != null) {
            round.done.accept(round);
        }
    }

    private void finishIfComplete(int id, Round round) {
        if (round.waiting == 0 && rounds.remove(id) != null) {
            round.done.accept(round);
        }
    }
}
