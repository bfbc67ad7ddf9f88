package dev.attune.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One Payara Server domain driven through asadmin. Created once (about 15 s) and reused; every listener, IIOP,
 * JMX and Hazelcast bound to 127.0.0.1; JMS off. Ports are the port base plus Payara's offsets (HTTP +80, admin +48).
 */
public final class PayaraDomain {
    public static final String ADMIN_USER = "admin";

    private final Path payaraHome;
    private final Path domainsDir;
    private final String name;
    private final int portBase;
    private final Path passwordFile;
    private final Path log;

    public PayaraDomain(Path payaraHome, Path domainsDir, String name, int portBase, Path passwordFile, Path log) {
        this.payaraHome = payaraHome;
        this.domainsDir = domainsDir;
        this.name = name;
        this.portBase = portBase;
        this.passwordFile = passwordFile;
        this.log = log;
    }

    public int httpPort() {
        return portBase + 80;
    }

    public int adminPort() {
        return portBase + 48;
    }

    public Path serverLog() {
        return domainsDir.resolve(name).resolve("logs/server.log");
    }

    /** A domain made for this port base (a domain keeps the ports it was created with). */
    public boolean exists() {
        return Files.isRegularFile(domainsDir.resolve(name).resolve("config/domain.xml"))
                && Integer.toString(portBase).equals(readQuietly(portBaseMarker()));
    }

    /** Removes a domain left from another port base (or an interrupted creation) so it can be created anew. */
    public void deleteStale() throws IOException {
        Path dir = domainsDir.resolve(name);
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private Path portBaseMarker() {
        return domainsDir.resolve(name).resolve("config/attune-port-base");
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            return "";
        }
    }

    /** Creates the domain with a random admin password (kept in {@code passwordFile}) and binds it to loopback. */
    public void create() throws IOException, InterruptedException {
        if (!Files.isExecutable(asadmin())) {
            throw new IllegalStateException(
                    "No Payara at " + payaraHome + "; build it with ./mvnw -DskipTests package");
        }
        Files.createDirectories(domainsDir);
        Secrets.writeIfAbsent(passwordFile, "AS_ADMIN_PASSWORD=" + Secrets.randomToken(18) + "\n");
        run(
                List.of(
                        "create-domain",
                        "--portbase",
                        Integer.toString(portBase),
                        "--domaindir",
                        domainsDir.toString(),
                        name),
                false,
                Map.of());
        DomainXml.bindToLoopback(domainsDir.resolve(name).resolve("config/domain.xml"));
        Files.writeString(portBaseMarker(), Integer.toString(portBase));
    }

    public void start(Map<String, String> environment) throws IOException, InterruptedException {
        // Idempotent, and repairs domains created by older launchers.
        DomainXml.bindToLoopback(domainsDir.resolve(name).resolve("config/domain.xml"));
        // In its own session, so a Ctrl-C meant for the launcher does not reach the server: the launcher stops it in
        // order.
        run(List.of("start-domain", "--domaindir", domainsDir.toString(), name), false, environment, true);
    }

    /**
     * Deploys afresh. A domain that kept a deployment (after a crash) loads it at start, and Payara 6 then fails
     * both a plain redeploy ("Cannot create scratch directory") and, now and then, a deploy right after the undeploy
     * ("name already in use"). So: undeploy, deploy with --force, and once more after a pause if that fails.
     */
    public void deploy(Path ear, String appName) throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            undeployQuietly(appName);
            try {
                run(List.of("deploy", "--force=true", "--name", appName, ear.toString()), true, Map.of());
                return;
            } catch (IllegalStateException failed) {
                if (attempt == 2) {
                    throw failed;
                }
                Thread.sleep(3_000);
            }
        }
    }

    public void undeployQuietly(String appName) throws IOException, InterruptedException {
        try {
            run(List.of("undeploy", appName), true, Map.of());
        } catch (IllegalStateException notDeployed) {
            // nothing deployed under that name
        }
    }

    /** The running server's process id (benchmarks read its memory). */
    public long pid() throws IOException {
        return Long.parseLong(
                Files.readString(domainsDir.resolve(name).resolve("config/pid")).strip());
    }

    /** For crash tests: the server JVM dies at once, as with a power cut, leaving whatever it had in flight. */
    public void kill() throws IOException, InterruptedException {
        long pid = Long.parseLong(
                Files.readString(domainsDir.resolve(name).resolve("config/pid")).strip());
        ProcessHandle server =
                ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("no server process " + pid));
        server.destroyForcibly();
        server.onExit().join();
    }

    public void stop() throws IOException, InterruptedException {
        run(List.of("stop-domain", "--domaindir", domainsDir.toString(), name), false, Map.of());
    }

    public String adminPassword() throws IOException {
        return Files.readString(passwordFile).strip().substring("AS_ADMIN_PASSWORD=".length());
    }

    private Path asadmin() {
        return payaraHome.resolve("bin/asadmin");
    }

    private void run(List<String> command, boolean remote, Map<String, String> environment)
            throws IOException, InterruptedException {
        run(command, remote, environment, false);
    }

    private void run(List<String> command, boolean remote, Map<String, String> environment, boolean detach)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        if (detach && Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            cmd.add("/usr/bin/setsid");
        }
        cmd.addAll(List.of(
                asadmin().toString(),
                "--user",
                ADMIN_USER,
                "--passwordfile",
                passwordFile.toString(),
                "--interactive=false"));
        if (remote) {
            cmd.addAll(List.of("--host", "127.0.0.1", "--port", Integer.toString(adminPort())));
        }
        cmd.addAll(command);
        Files.createDirectories(log.getParent());
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(environment);
        Process p = pb.start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("asadmin " + command.get(0) + " did not finish in 5 minutes; see "
                    + serverLog() + "\n" + tail(serverLog(), 25));
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("asadmin " + String.join(" ", command) + " failed (exit " + p.exitValue()
                    + "); see " + log + "\n" + tail(log, 25));
        }
    }

    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "";
        }
    }
}
