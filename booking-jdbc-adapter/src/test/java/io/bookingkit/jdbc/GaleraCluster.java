package io.bookingkit.jdbc;

import io.bookingkit.testsupport.Prerequisite;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real MariaDB Galera cluster of a few nodes on this machine, for tests that must see what
 * synchronous multi-primary replication does to bookingkit's transactions.
 *
 * <p>Why a real cluster: the JDBC adapter relies on a property that no single-server database
 * (and no mock) shows. On Galera a {@code SELECT … FOR UPDATE} lock exists only on the node
 * that took it; two transactions on two nodes that write the same row both proceed until
 * commit, and then certification lets the first commit win and fails the other with error
 * 1213 (SQLSTATE 40001), as if it had lost a deadlock. Only the server and the Galera provider
 * themselves can show that, so this class runs them.
 *
 * <p>What it does: {@link #start(int)} makes a temporary directory, picks free loopback ports,
 * initialises node 1's data directory with {@code mariadb-install-db}, bootstraps node 1 as a
 * new cluster, creates the {@value #DATABASE} database on it and then starts each further node
 * with an empty data directory, which it fills by rsync state transfer from a running node. It
 * returns once every node is {@code Synced} in a cluster of the requested size and the last
 * node sees the database. Every server runs with {@code --no-defaults}, binds to 127.0.0.1 only
 * and is sized for a small machine (64 MB buffer pool, no performance schema, relaxed log
 * flushing; durability does not matter for a throw-away cluster). Each process writes its
 * output to files in its own node directory; a node that fails to start is reported with the
 * tail of its error log.
 *
 * <p>{@link #close()} stops exactly the processes this object started, last node first, and
 * deletes the directory. A JVM shutdown hook calls it as well, so an aborted test run leaves no
 * servers behind.
 *
 * <p>Requirements (see {@link #whyUnavailable()}): Linux, running as root (the servers run with
 * {@code --user=root}; rsync state transfer as root needs the joiners' data directories owned
 * by {@code nobody}), the Debian/Ubuntu packages {@code mariadb-server}, {@code galera-4} and
 * {@code rsync}. Tests call {@link #assumeAvailable()}, which skips them where that is missing
 * unless {@code BOOKINGKIT_REQUIRE_GALERA} is {@code 1} or {@code true}, in which case it fails.
 *
 * <p>Connections: {@link #jdbcUrl(int)} with user {@code root} and an empty password; the
 * root account is created with {@code --auth-root-authentication-method=normal}.
 */
final class GaleraCluster implements AutoCloseable {

    /** The database {@link #start(int)} creates and every {@link #jdbcUrl(int)} names. */
    static final String DATABASE = "bookingkit";
    /** The user to connect as; its password is empty. */
    static final String USER = "root";
    /** The password of {@link #USER}. */
    static final String PASSWORD = "";

    private static final Logger LOG = LoggerFactory.getLogger(GaleraCluster.class);
    private static final String HOST = "127.0.0.1";
    private static final Prerequisite REQUIRED = Prerequisite.of("Galera tests", "BOOKINGKIT_REQUIRE_GALERA",
            "install mariadb-server and galera-4 (and rsync) and run as root to run them");
    private static final Duration NODE_START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration INSTALL_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final int LOG_TAIL_LINES = 40;
    private static final List<String> SEARCH_DIRS = List.of("/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin", "/sbin", "/bin");
    private static final List<String> PROVIDER_CANDIDATES = List.of(
            "/usr/lib/galera/libgalera_smm.so",
            "/usr/lib/galera-4/libgalera_smm.so",
            "/usr/lib64/galera-4/libgalera_smm.so",
            "/usr/lib64/galera/libgalera_smm.so",
            "/usr/local/lib/galera/libgalera_smm.so");
    private static final Set<PosixFilePermission> WORLD_TRAVERSABLE = PosixFilePermissions.fromString("rwxr-xr-x");

    private final Path directory;
    private final List<Node> nodes = new ArrayList<>();
    private final Thread shutdownHook;
    private boolean closed;

    /** One server: where its files are, its ports and, once started, its process. */
    private static final class Node {
        final int number;
        final Path dir;
        final int sqlPort;
        final int groupPort;
        final int istPort;
        final int sstPort;
        Process process;

        Node(int number, Path dir, int[] ports) {
            this.number = number;
            this.dir = dir;
            this.sqlPort = ports[0];
            this.groupPort = ports[1];
            this.istPort = ports[2];
            this.sstPort = ports[3];
        }

        Path dataDir() {
            return dir.resolve("data");
        }

        Path errorLog() {
            return dir.resolve("error.log");
        }

        String serverUrl() {
            return "jdbc:mariadb://" + HOST + ":" + sqlPort + "/?connectTimeout=2000";
        }

        @Override
        public String toString() {
            return "node " + number + " (SQL port " + sqlPort + ")";
        }
    }

    private GaleraCluster(Path directory) {
        this.directory = directory;
        this.shutdownHook = new Thread(this::close, "galera-cluster-shutdown");
    }

    // ------------------------------------------------------------------ availability

    /**
     * Why a cluster cannot run on this machine, or empty if it can. The reason is one sentence
     * naming what is missing.
     */
    static Optional<String> whyUnavailable() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return Optional.of("the Galera test cluster runs only on Linux, this is " + System.getProperty("os.name"));
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            return Optional.of("the Galera test cluster must run as root (it starts mariadbd with --user=root and"
                    + " hands rsync state transfer directories to nobody), this runs as " + System.getProperty("user.name"));
        }
        if (findExecutable("mariadbd").isEmpty()) {
            return Optional.of("mariadbd is neither on PATH nor in " + String.join(", ", SEARCH_DIRS));
        }
        if (findExecutable("mariadb-install-db").isEmpty()) {
            return Optional.of("mariadb-install-db is neither on PATH nor in " + String.join(", ", SEARCH_DIRS));
        }
        if (findExecutable("wsrep_sst_rsync").isEmpty()) {
            return Optional.of("the state transfer script wsrep_sst_rsync is neither on PATH nor in " + String.join(", ", SEARCH_DIRS));
        }
        if (findProvider().isEmpty()) {
            return Optional.of("the Galera provider library libgalera_smm.so is not in any of " + String.join(", ", PROVIDER_CANDIDATES));
        }
        if (findExecutable("rsync").isEmpty()) {
            return Optional.of("rsync is neither on PATH nor in " + String.join(", ", SEARCH_DIRS));
        }
        if (Stream.of("ss", "lsof", "sockstat").allMatch(tool -> findExecutable(tool).isEmpty())) {
            return Optional.of("none of ss, lsof or sockstat is installed, and rsync state transfer needs one of them");
        }
        try {
            nobody();
        } catch (IOException e) {
            return Optional.of("there is no user 'nobody' to own the joiners' data directories (" + e.getMessage() + ")");
        }
        return Optional.empty();
    }

    /**
     * Skips the calling test, saying why, when no cluster can run here; fails it instead where environment
     * variable {@code BOOKINGKIT_REQUIRE_GALERA} is {@code 1} or {@code true}, as CI sets it.
     */
    static void assumeAvailable() {
        REQUIRED.assume(whyUnavailable());
    }

    // ------------------------------------------------------------------ start

    /**
     * Starts a cluster of {@code nodes} servers and returns once all of them are synced and the
     * {@value #DATABASE} database exists on all of them.
     *
     * @throws IllegalStateException if a node does not come up; the message has the tail of its
     *     error log
     */
    static GaleraCluster start(int nodes) {
        if (nodes < 1) {
            throw new IllegalArgumentException("a cluster needs at least one node, not " + nodes);
        }
        whyUnavailable().ifPresent(reason -> {
            throw new IllegalStateException("cannot start a Galera cluster: " + reason);
        });
        long started = System.nanoTime();
        GaleraCluster cluster;
        try {
            cluster = new GaleraCluster(createDirectory());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the Galera cluster's directory", e);
        }
        Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
        try {
            cluster.startNodes(nodes);
        } catch (IOException e) {
            cluster.close();
            throw new UncheckedIOException("cannot start the Galera cluster in " + cluster.directory, e);
        } catch (InterruptedException e) {
            cluster.close();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the Galera cluster", e);
        } catch (RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
        LOG.info("Galera cluster of {} nodes up in {} ms", nodes, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return cluster;
    }

    private static Path createDirectory() throws IOException {
        // Unix socket paths are limited to about 107 bytes; fall back to /tmp for long tmpdirs.
        Path base = Path.of(System.getProperty("java.io.tmpdir"));
        if (base.toAbsolutePath().toString().length() > 50 && Files.isDirectory(Path.of("/tmp"))) {
            base = Path.of("/tmp");
        }
        Path dir = Files.createTempDirectory(base, "bookingkit-galera-");
        // nobody (the rsync daemon's user during state transfer) must be able to reach the data directories.
        Files.setPosixFilePermissions(dir, WORLD_TRAVERSABLE);
        return dir;
    }

    private void startNodes(int count) throws IOException, InterruptedException {
        int[][] ports = freePorts(count, 4);
        for (int i = 0; i < count; i++) {
            Path dir = directory.resolve("node" + (i + 1));
            Files.createDirectory(dir);
            Files.setPosixFilePermissions(dir, WORLD_TRAVERSABLE);
            nodes.add(new Node(i + 1, dir, ports[i]));
        }
        LOG.info("Starting a Galera cluster of {} nodes in {}", count, directory);

        Node first = nodes.get(0);
        installDataDirectory(first);
        startServer(first, "gcomm://", true);
        awaitSynced(first, 1);
        try (Connection c = DriverManager.getConnection(first.serverUrl(), USER, PASSWORD);
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS " + DATABASE + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        } catch (SQLException e) {
            throw failure(first, "cannot create database " + DATABASE + ": " + e.getMessage(), e);
        }

        for (int i = 1; i < count; i++) {
            Node joiner = nodes.get(i);
            Path data = joiner.dataDir();
            Files.createDirectory(data);
            Files.setOwner(data, nobody());
            String peers = nodes.subList(0, i).stream()
                    .map(n -> HOST + ":" + n.groupPort)
                    .collect(Collectors.joining(",", "gcomm://", ""));
            startServer(joiner, peers, false);
            awaitSynced(joiner, i + 1);
        }

        for (Node node : nodes) {
            awaitSynced(node, count);
        }
        Node last = nodes.get(count - 1);
        try (Connection c = DriverManager.getConnection(last.serverUrl(), USER, PASSWORD);
                Statement s = c.createStatement()) {
            s.execute("SET SESSION wsrep_sync_wait = 1");
            try (ResultSet rs = s.executeQuery(
                    "SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '" + DATABASE + "'")) {
                rs.next();
                if (rs.getInt(1) != 1) {
                    throw failure(last, "database " + DATABASE + " was not replicated to this node", null);
                }
            }
        } catch (SQLException e) {
            throw failure(last, "cannot check for database " + DATABASE + ": " + e.getMessage(), e);
        }
    }

    private void installDataDirectory(Node node) throws IOException, InterruptedException {
        List<String> command = List.of(
                findExecutable("mariadb-install-db").orElseThrow().toString(),
                "--no-defaults",
                "--user=root",
                "--datadir=" + node.dataDir(),
                "--auth-root-authentication-method=normal",
                "--skip-test-db",
                "--skip-name-resolve",
                "--innodb-log-file-size=16M");
        LOG.info("Initialising the data directory of {}", node);
        Process install = newProcess(command, node.dir, "install");
        if (!install.waitFor(INSTALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            stop(install, "mariadb-install-db of " + node);
            throw new IllegalStateException("mariadb-install-db did not finish within " + INSTALL_TIMEOUT.toSeconds()
                    + " s" + tail(node.dir.resolve("install.out")) + tail(node.dir.resolve("install.err")));
        }
        if (install.exitValue() != 0) {
            throw new IllegalStateException("mariadb-install-db failed with exit code " + install.exitValue()
                    + tail(node.dir.resolve("install.out")) + tail(node.dir.resolve("install.err")));
        }
    }

    private void startServer(Node node, String clusterAddress, boolean bootstrap) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                findExecutable("mariadbd").orElseThrow().toString(),
                "--no-defaults",
                "--user=root",
                "--datadir=" + node.dataDir(),
                "--socket=" + node.dir.resolve("mysqld.sock"),
                "--pid-file=" + node.dir.resolve("mysqld.pid"),
                "--log-error=" + node.errorLog(),
                "--port=" + node.sqlPort,
                "--bind-address=" + HOST,
                "--skip-name-resolve",
                "--wsrep-on=ON",
                "--wsrep-provider=" + findProvider().orElseThrow(),
                "--wsrep-cluster-name=bookingkit-test",
                "--wsrep-cluster-address=" + clusterAddress,
                "--wsrep-node-name=node" + node.number,
                "--wsrep-node-address=" + HOST,
                "--wsrep-provider-options=gmcast.listen_addr=tcp://" + HOST + ":" + node.groupPort
                        + ";ist.recv_addr=" + HOST + ":" + node.istPort
                        + ";gcache.size=16M",
                "--wsrep-sst-receive-address=" + HOST + ":" + node.sstPort,
                "--wsrep-sst-method=rsync",
                "--binlog-format=ROW",
                "--innodb-autoinc-lock-mode=2",
                "--default-storage-engine=InnoDB",
                "--innodb-buffer-pool-size=64M",
                "--innodb-log-file-size=16M",
                "--innodb-flush-log-at-trx-commit=2",
                "--sync-binlog=0",
                "--performance-schema=OFF",
                "--max-connections=50"));
        if (bootstrap) {
            command.add("--wsrep-new-cluster");
        }
        LOG.info("Starting {}{}", node, bootstrap ? " as a new cluster" : " joining " + clusterAddress);
        node.process = newProcess(command, node.dir, "mariadbd");
    }

    /** Starts {@code command} with its output in files {@code name.out} and {@code name.err} of {@code dir}. */
    private static Process newProcess(List<String> command, Path dir, String name) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(dir.resolve(name + ".out").toFile())
                .redirectError(dir.resolve(name + ".err").toFile());
        Map<String, String> env = builder.environment();
        // MYSQL_HOME, MYSQL_TCP_PORT and the like would change what the servers and the SST script do.
        env.keySet().removeIf(key -> key.startsWith("MYSQL") || key.startsWith("MARIADB"));
        String path = env.getOrDefault("PATH", "");
        env.put("PATH", path.isEmpty() ? String.join(":", SEARCH_DIRS) : path + ":" + String.join(":", SEARCH_DIRS));
        return builder.start();
    }

    /** Waits until {@code node} accepts connections, is ready and synced, and sees {@code size} members. */
    private static void awaitSynced(Node node, int size) throws InterruptedException {
        long deadline = System.nanoTime() + NODE_START_TIMEOUT.toNanos();
        String lastSeen = "no connection yet";
        while (System.nanoTime() < deadline) {
            if (!node.process.isAlive()) {
                throw failure(node, node + " exited with code " + node.process.exitValue() + " while starting", null);
            }
            try {
                Map<String, String> status = wsrepStatus(node);
                String ready = status.get("wsrep_ready");
                String state = status.get("wsrep_local_state_comment");
                String clusterSize = status.get("wsrep_cluster_size");
                if ("ON".equals(ready) && "Synced".equals(state) && String.valueOf(size).equals(clusterSize)) {
                    LOG.info("{} is synced in a cluster of {}", node, size);
                    return;
                }
                lastSeen = "wsrep_ready=" + ready + ", wsrep_local_state_comment=" + state + ", wsrep_cluster_size=" + clusterSize;
            } catch (SQLException e) {
                lastSeen = "cannot connect: " + e.getMessage();
                LOG.debug("{} not reachable yet: {}", node, e.getMessage());
            }
            Thread.sleep(250);
        }
        throw failure(node, node + " was not synced in a cluster of " + size + " within "
                + NODE_START_TIMEOUT.toSeconds() + " s; last seen: " + lastSeen, null);
    }

    private static Map<String, String> wsrepStatus(Node node) throws SQLException {
        Map<String, String> status = new HashMap<>();
        try (Connection c = DriverManager.getConnection(node.serverUrl(), USER, PASSWORD);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW STATUS LIKE 'wsrep%'")) {
            while (rs.next()) {
                status.put(rs.getString(1), rs.getString(2));
            }
        }
        return status;
    }

    private static IllegalStateException failure(Node node, String message, Throwable cause) {
        return new IllegalStateException(message + tail(node.errorLog()) + tail(node.dir.resolve("mariadbd.err")), cause);
    }

    /** The last lines of {@code file} as a block for an exception message, or "" if it is empty or absent. */
    private static String tail(Path file) {
        try {
            if (!Files.isRegularFile(file) || Files.size(file) == 0) {
                return "";
            }
            List<String> lines = Arrays.asList(new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\\R"));
            List<String> last = lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size());
            return "\n--- last " + last.size() + " lines of " + file + " ---\n" + String.join("\n", last);
        } catch (IOException e) {
            return "\n--- cannot read " + file + ": " + e.getMessage();
        }
    }

    private static int[][] freePorts(int nodes, int perNode) throws IOException {
        // Hold all sockets open together so that no port is handed out twice.
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[][] ports = new int[nodes][perNode];
            for (int i = 0; i < nodes; i++) {
                for (int j = 0; j < perNode; j++) {
                    ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST));
                    sockets.add(socket);
                    ports[i][j] = socket.getLocalPort();
                }
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }

    // ------------------------------------------------------------------ lookups

    private static Optional<Path> findExecutable(String name) {
        List<String> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(Arrays.asList(path.split(File.pathSeparator)));
        }
        dirs.addAll(SEARCH_DIRS);
        return dirs.stream()
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, name))
                .filter(Files::isRegularFile)
                .filter(Files::isExecutable)
                .findFirst();
    }

    private static Optional<Path> findProvider() {
        return PROVIDER_CANDIDATES.stream().map(Path::of).filter(Files::isRegularFile).findFirst();
    }

    private static UserPrincipal nobody() throws IOException {
        return FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
    }

    // ------------------------------------------------------------------ use

    /** How many nodes the cluster has. */
    int size() {
        return nodes.size();
    }

    /**
     * The JDBC URL of node {@code node} (0-based) and its {@value #DATABASE} database; connect as
     * user {@code root} with an empty password.
     */
    String jdbcUrl(int node) {
        if (node < 0 || node >= nodes.size()) {
            throw new IndexOutOfBoundsException("node " + node + " of a cluster of " + nodes.size());
        }
        return "jdbc:mariadb://" + HOST + ":" + nodes.get(node).sqlPort + "/" + DATABASE;
    }

    // ------------------------------------------------------------------ stop

    /**
     * Stops the servers this cluster started, last first (SIGTERM, then after 60 s SIGKILL),
     * and deletes the cluster's directory. Calling it again does nothing.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is exiting; the hook is running or will find the cluster closed.
            }
        }
        for (int i = nodes.size() - 1; i >= 0; i--) {
            Node node = nodes.get(i);
            if (node.process != null) {
                stop(node.process, node.toString());
            }
        }
        try {
            deleteRecursively(directory);
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Cannot delete the Galera cluster's directory {}: {}", directory, e.getMessage());
        }
    }

    /** Stops {@code process} and whatever it started that is still running (such as an SST rsync daemon). */
    private static void stop(Process process, String what) {
        if (!process.isAlive()) {
            return;
        }
        List<ProcessHandle> children = process.descendants().collect(Collectors.toList());
        LOG.info("Stopping {} (pid {})", what, process.pid());
        process.destroy();
        boolean interrupted = false;
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                LOG.warn("{} (pid {}) did not stop within {} s; killing it", what, process.pid(), STOP_TIMEOUT.toSeconds());
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            interrupted = true;
            process.destroyForcibly();
        }
        for (ProcessHandle child : children) {
            if (child.isAlive()) {
                LOG.warn("Killing pid {}, left behind by {}", child.pid(), what);
                child.destroyForcibly();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.deleteIfExists(path);
            }
        }
    }
}
