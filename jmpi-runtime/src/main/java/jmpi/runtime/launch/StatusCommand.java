package jmpi.runtime.launch;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code jmpirun --status [JOB] [--port P] [--threads]}: prints the roll-call of a running job of this
 * user on this host (what each rank does now), and with {@code --threads} each rank's threads. The job
 * is named by its id (its jmpirun's process id) or by its coordinator's port, or is the only one running.
 */
final class StatusCommand {
    /** The file of a job's marks directory that holds the port of its coordinator's status door. */
    static final String DOOR = "status-door";
    /** The file of a job's marks directory that holds its token. */
    static final String TOKEN = "token";

    private StatusCommand() {
    }

    /** Prints the status; returns jmpirun's exit code. */
    static int run(String id, Integer port, boolean threads, PrintStream out, PrintStream err) {
        try {
            List<JobRegistry.Entry> jobs = JobRegistry.running().stream()
                    .filter(j -> id == null || id.isEmpty() || Long.toString(j.id()).equals(id.trim()))
                    .filter(j -> port == null || j.port() == port)
                    .toList();
            if (jobs.size() != 1) {
                err.println("jmpirun: " + (jobs.isEmpty() ? "no running job" : jobs.size() + " running jobs")
                        + (id == null || id.isEmpty() ? "" : " with id " + id) + (port == null ? "" : " on port " + port)
                        + " of this user on this host" + (jobs.isEmpty() ? "" : "; name one: --status ID or --port PORT"));
                for (JobRegistry.Entry j : jobs) {
                    err.println("  job " + j.id() + ": coordinator port " + j.port());
                }
                return 1;
            }
            JobRegistry.Entry job = jobs.get(0);
            Path door = job.marks().resolve(DOOR);
            if (!Files.exists(door)) {
                err.println("jmpirun: job " + job.id() + " has no coordinator yet, or its coordinator is not in its"
                        + " rank 0 (JMPI_ADDR); try again once its ranks have started");
                return 1;
            }
            out.print(fetch(Integer.parseInt(Files.readString(door).trim()), Files.readString(job.marks().resolve(TOKEN))
                    .trim(), threads));
            out.flush();
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println("jmpirun: cannot read the job's status: " + e);
            return 1;
        }
    }

    private static String fetch(int doorPort, String token, boolean threads) throws IOException {
        URI uri = URI.create("http://127.0.0.1:" + doorPort + "/rollcall" + (threads ? "?threads" : ""));
        HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
        c.setConnectTimeout(10_000);
        c.setReadTimeout(60_000);
        c.setRequestProperty("X-Jmpi-Token", token);
        try (InputStream in = c.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            c.disconnect();
        }
    }
}
