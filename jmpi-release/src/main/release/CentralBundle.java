import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Lays out what a release publishes as Maven Central's bundle (a zip in repository layout: each
 * file with its checksums and, when a GPG key is there, its signature), and publishes nothing.
 * Run with the source launcher: {@code java CentralBundle.java ROOT VERSION OUTPUT_DIR}.
 */
public final class CentralBundle {
    private static final String GROUP_PATH = "io/jmpi";
    private static final Pattern MANAGED =
            Pattern.compile("<artifactId>(jmpi-[a-z-]+)</artifactId>\\s*<version>\\$\\{project.version}</version>");
    /** file suffix -> digest, the two Central requires */
    private static final Map<String, String> CHECKSUMS = new TreeMap<>(Map.of("md5", "MD5", "sha1", "SHA-1"));

    private final Path root;
    private final String version;
    private final boolean sign;

    private CentralBundle(Path root, String version, boolean sign) {
        this.root = root;
        this.version = version;
        this.sign = sign;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: java CentralBundle.java ROOT VERSION OUTPUT_DIR");
            System.exit(2);
        }
        boolean sign = gpgHasSecretKey();
        if (!sign) {
            System.out.println("release bundle: no GPG key configured (gpg --list-secret-keys shows none):"
                    + " signatures skipped; Central needs them, so import a key and build again to upload");
        }
        CentralBundle bundle = new CentralBundle(Path.of(args[0]), args[1], sign);
        Path zip = Path.of(args[2]).resolve("jmpi-" + args[1] + "-central-bundle.zip");
        int files = bundle.write(zip);
        System.out.println("release bundle: " + zip + " (" + files + " files" + (sign ? ", signed" : "") + ")");
        if (args[1].endsWith("-SNAPSHOT")) {
            System.out.println("release bundle: " + args[1] + " is a snapshot, which Central does not take:"
                    + " set a release version before uploading");
        }
    }

    /** Every artifact the BOM manages, the BOM and the parent POM, in repository layout. */
    private int write(Path zip) throws IOException, InterruptedException, NoSuchAlgorithmException {
        Files.createDirectories(zip.getParent());
        List<Path[]> entries = new ArrayList<>(); // {file in the build, name in the bundle}
        add(entries, "jmpi-parent", root.resolve("pom.xml"), ".pom");
        add(entries, "jmpi-bom", root.resolve("jmpi-bom/target/jmpi-bom-" + version + ".pom"), ".pom");
        for (String artifact : published()) {
            Path target = root.resolve(artifact).resolve("target");
            add(entries, artifact, root.resolve(artifact).resolve("pom.xml"), ".pom");
            for (String suffix : List.of("", "-sources", "-javadoc")) {
                add(entries, artifact, target.resolve(artifact + "-" + version + suffix + ".jar"), suffix + ".jar");
            }
        }
        int count = 0;
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (Path[] entry : entries) {
                byte[] content = Files.readAllBytes(entry[0]);
                String name = entry[1].toString();
                count += put(out, name, content);
                for (Map.Entry<String, String> sum : CHECKSUMS.entrySet()) {
                    byte[] digest = MessageDigest.getInstance(sum.getValue()).digest(content);
                    count += put(out, name + "." + sum.getKey(),
                            HexFormat.of().formatHex(digest).getBytes(StandardCharsets.US_ASCII));
                }
                if (sign) {
                    count += put(out, name + ".asc", signature(entry[0]));
                }
            }
        }
        return count;
    }

    private void add(List<Path[]> entries, String artifact, Path file, String suffix) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("no " + file + ": build with ./mvnw -Prelease package first");
        }
        String dir = GROUP_PATH + "/" + artifact + "/" + version + "/";
        entries.add(new Path[] {file, Path.of(dir + artifact + "-" + version + suffix)});
    }

    private List<String> published() throws IOException {
        Matcher m = MANAGED.matcher(Files.readString(root.resolve("jmpi-bom/pom.xml")));
        List<String> artifacts = new ArrayList<>();
        while (m.find()) {
            artifacts.add(m.group(1));
        }
        return artifacts;
    }

    private static int put(ZipOutputStream out, String name, byte[] content) throws IOException {
        out.putNextEntry(new ZipEntry(name));
        out.write(content);
        out.closeEntry();
        return 1;
    }

    /** An ASCII-armoured detached signature by gpg's default key (its agent asks for the passphrase). */
    private static byte[] signature(Path file) throws IOException, InterruptedException {
        Path asc = Files.createTempFile("jmpi-bundle", ".asc");
        try {
            Process gpg = new ProcessBuilder("gpg", "--batch", "--yes", "--armor", "--detach-sign",
                    "--output", asc.toString(), file.toString()).inheritIO().start();
            if (!gpg.waitFor(5, TimeUnit.MINUTES) || gpg.exitValue() != 0) {
                gpg.destroyForcibly();
                throw new IllegalStateException("gpg could not sign " + file);
            }
            return Files.readAllBytes(asc);
        } finally {
            Files.deleteIfExists(asc);
        }
    }

    /** True when gpg is installed and has a secret key to sign with. */
    private static boolean gpgHasSecretKey() throws InterruptedException {
        try {
            Process gpg = new ProcessBuilder("gpg", "--batch", "--list-secret-keys", "--with-colons")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] listing;
            try (var in = gpg.getInputStream()) {
                listing = in.readAllBytes();
            }
            if (!gpg.waitFor(1, TimeUnit.MINUTES)) {
                gpg.destroyForcibly();
                return false;
            }
            return new String(listing, StandardCharsets.UTF_8).lines().anyMatch(l -> l.startsWith("sec:"));
        } catch (IOException noGpg) {
            return false;
        }
    }
}
