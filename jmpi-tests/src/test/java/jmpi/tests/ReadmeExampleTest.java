package jmpi.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs the README's example command as the README writes it (the build half is done by this build). */
class ReadmeExampleTest {

    @Test
    void readmeExampleRunsWithFourRanks() throws Exception {
        List<String> lines = Files.readAllLines(Jobs.root().resolve("README.md"));
        String command = lines.stream().map(String::trim)
                .filter(l -> l.startsWith("./mvnw") && l.contains("bin/jmpirun"))
                .findFirst().orElse(null);
        assertNotNull(command, "README.md has no example command");
        String run = command.substring(command.indexOf("bin/jmpirun"));
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", run).directory(Jobs.root().toFile()).redirectErrorStream(true);
        pb.environment().put("JAVA", Jobs.java());
        pb.environment().put("PATH", Jobs.java().replaceAll("/java$", "") + ":" + System.getenv("PATH"));
        Jobs.Result r = Jobs.run(pb, Duration.ofMinutes(2));
        assertEquals(0, r.exitCode(), r.out());
        for (int rank = 0; rank < 4; rank++) {
            assertTrue(r.out().contains("rank " + rank + " of 4: bcast=Hello, World!"), r.out());
        }
        assertTrue(r.out().contains("recv=Hello, 1!"), r.out());
        assertTrue(r.out().contains("sum=6"), r.out());
    }
}
