package gov.shangrao.embeddedmongo;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.MongoVersion;

import java.io.File;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Starts mongo-java-server for development and tests.
 *
 * Usage: java -jar embedded-mongo.jar [--host 127.0.0.1] [--port 0] [--data path/to/file.mv]
 * Without --data the data lives in memory (tests); with it, in an H2 MVStore file that survives restarts.
 * Prints one line "READY mongodb://host:port" on stdout once it accepts connections, so a parent
 * process can wait for it and learn the port it was given.
 */
public final class EmbeddedMongo {

    /**
     * The MongoDB Node driver 7 (under mongoose 9) refuses servers below wire version 8/9, and the
     * library's default reports 3.6 (wire 6). We report 6.0 / wire 17 only as far as the handshake
     * goes; the feature set is what mongo-java-server implements (see the README's known gaps).
     */
    private static final MongoVersion REPORTED_VERSION = new MongoVersion() {
        @Override
        public List<Integer> getVersionArray() {
            return List.of(6, 0, 0);
        }

        @Override
        public int getWireVersion() {
            return 17;
        }
    };

    private EmbeddedMongo() {
    }

    public static void main(String[] args) throws Exception {
        String host = "127.0.0.1";
        int port = 0;
        String data = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--host" -> host = args[++i];
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--data" -> data = args[++i];
                default -> {
                    System.err.println("unknown argument: " + args[i]);
                    System.exit(2);
                }
            }
        }

        MongoBackend backend;
        if (data == null) {
            backend = RaceFreeBackends.memory();
        } else {
            File file = new File(data);
            File parent = file.getAbsoluteFile().getParentFile();
            if (parent != null && !parent.exists() && !parent.mkdirs()) {
                throw new IllegalStateException("cannot create " + parent);
            }
            backend = RaceFreeBackends.file(file.getPath());
        }
        backend.version(REPORTED_VERSION);

        MongoServer server = new MongoServer(backend);
        server.bind(host, port);
        InetSocketAddress address = server.getLocalAddress();

        CountDownLatch stopped = new CountDownLatch(1);
        MongoBackend finalBackend = backend;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown();
            // H2 commits on close, so a SIGTERM/SIGINT keeps every acknowledged write.
            finalBackend.close();
            stopped.countDown();
        }, "embedded-mongo-shutdown"));

        System.out.println("READY mongodb://" + address.getHostString() + ":" + address.getPort());
        System.out.flush();
        stopped.await();
    }
}
