package org.radbridge.dicom.net;

import com.pixelmed.dicom.StoredFilePathStrategy;
import com.pixelmed.network.AnyExplicitStorePresentationContextSelectionPolicy;
import com.pixelmed.network.AssociationFactory;
import com.pixelmed.network.ReceivedObjectHandler;
import com.pixelmed.network.StorageSOPClassSCP;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The DICOM C-STORE receiver (storage SCP, also answers C-ECHO). Accepts every storage SOP class in any of
 * the common transfer syntaxes (PixelMed's {@link AnyExplicitStorePresentationContextSelectionPolicy}: implicit
 * and explicit VR little endian, deflate, JPEG family, JPEG-LS, JPEG 2000, RLE ...), writes each instance to
 * the {@link Spool}, calls the {@link SpoolListener} and only then answers success.
 *
 * <p>PixelMed's own dispatcher listens on every interface and has no access control, so this class runs its
 * own accept loop: it binds to the configured address, refuses hosts outside the allow-list, and reads the
 * A-ASSOCIATE-RQ itself to refuse calling AE titles outside the allow-list (A-ASSOCIATE-RJ, reason "calling AE
 * title not recognized") or a wrong called AE title (reason 7), before handing the connection to PixelMed's
 * {@link StorageSOPClassSCP}.
 */
public final class StoreScp implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StoreScp.class);

    /**
     * @param aeTitle             our AE title (RADBRIDGE)
     * @param bindAddress         address to listen on (127.0.0.1 by default in RadBridge; 0.0.0.0 for every interface)
     * @param port                TCP port, 0 for any free port (see {@link #port()})
     * @param spoolDir            spool root
     * @param allowedCallingAets  calling AE titles accepted; empty accepts any
     * @param allowedHosts        peer IP addresses (or host names, resolved at start) accepted; empty accepts any
     * @param maxAssociations     concurrent associations; further connections wait in the TCP backlog
     */
    public record Config(String aeTitle, String bindAddress, int port, Path spoolDir, Set<String> allowedCallingAets,
                         Set<String> allowedHosts, int maxAssociations) {
        public Config {
            Objects.requireNonNull(aeTitle);
            Objects.requireNonNull(spoolDir);
            bindAddress = bindAddress == null || bindAddress.isBlank() ? "127.0.0.1" : bindAddress;
            allowedCallingAets = allowedCallingAets == null ? Set.of() : Set.copyOf(allowedCallingAets);
            allowedHosts = allowedHosts == null ? Set.of() : Set.copyOf(allowedHosts);
            if (maxAssociations <= 0) maxAssociations = 8;
        }

        /** RADBRIDGE on 127.0.0.1:port, any calling AE, loopback peers only. */
        public static Config loopback(int port, Path spoolDir) {
            return new Config("RADBRIDGE", "127.0.0.1", port, spoolDir, Set.of(), Set.of("127.0.0.1", "::1"), 8);
        }
    }

    private final Config config;
    private final SpoolListener listener;
    private final Spool spool;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong associations = new AtomicLong();
    private final AtomicInteger active = new AtomicInteger();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile Set<String> allowedAddresses = Set.of();
    private volatile ServerSocket server;
    private ExecutorService workers;
    private Thread acceptor;
    private Semaphore slots;

    public StoreScp(Config config, SpoolListener listener) throws IOException {
        this.config = config;
        this.listener = listener == null ? i -> {} : listener;
        this.spool = new Spool(config.spoolDir());
    }

    public Spool spool() { return spool; }
    public Config config() { return config; }
    /** Instances received and acknowledged since start. */
    public long received() { return received.get(); }
    public long associations() { return associations.get(); }

    /** The port actually listened on (useful with port 0), -1 when stopped. */
    public int port() {
        ServerSocket s = server;
        return s == null ? -1 : s.getLocalPort();
    }

    public synchronized void start() throws IOException {
        if (server != null) return;
        allowedAddresses = resolve(config.allowedHosts());
        int recovered = spool.recover(listener);
        if (recovered > 0) log.info("spool recovery: committed {} instances left in {}", recovered, spool.incoming());
        ServerSocket ss = new ServerSocket();
        ss.setReuseAddress(true);
        try {
            ss.bind(new InetSocketAddress(InetAddress.getByName(config.bindAddress()), config.port()), 50);
        } catch (IOException e) {
            ss.close();
            throw new IOException("DICOM receiver " + config.aeTitle() + " cannot listen on " + config.bindAddress() + ":" + config.port()
                    + ": " + e.getMessage(), e);
        }
        server = ss;
        slots = new Semaphore(config.maxAssociations());
        workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "dicom-scp-association");
            t.setDaemon(true);
            return t;
        });
        acceptor = new Thread(this::acceptLoop, "dicom-scp-accept-" + port());
        acceptor.setDaemon(true);
        acceptor.start();
        log.info("DICOM receiver {} listening on {}:{} (spool {}; calling AEs {}; hosts {})", config.aeTitle(), config.bindAddress(), port(),
                spool.root(), config.allowedCallingAets().isEmpty() ? "any" : config.allowedCallingAets(),
                config.allowedHosts().isEmpty() ? "any" : config.allowedHosts());
    }

    /** Stops listening, closes open associations (unacknowledged instances stay with their senders) and waits for the workers. */
    @Override
    public synchronized void close() {
        ServerSocket ss = server;
        if (ss == null) return;
        server = null;
        try {
            ss.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        workers.shutdown();
        try {
            if (!workers.awaitTermination(10, TimeUnit.SECONDS)) workers.shutdownNow();
            acceptor.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("DICOM receiver {} stopped ({} instances in {} associations)", config.aeTitle(), received.get(), associations.get());
    }

    private void acceptLoop() {
        while (true) {
            ServerSocket ss = server;
            if (ss == null || ss.isClosed()) return;
            Socket s;
            try {
                slots.acquire();
                s = ss.accept();
            } catch (InterruptedException e) {
                return;
            } catch (IOException e) {
                slots.release();
                if (server == null) return;
                log.warn("DICOM receiver: accept failed: {}", e.getMessage());
                continue;
            }
            open.add(s);
            try {
                workers.execute(() -> {
                    try {
                        serve(s);
                    } finally {
                        open.remove(s);
                        closeQuietly(s);
                        slots.release();
                    }
                });
            } catch (RuntimeException e) { // rejected after close()
                open.remove(s);
                closeQuietly(s);
                slots.release();
                return;
            }
        }
    }

    private void serve(Socket s) {
        String host = s.getInetAddress().getHostAddress();
        long t0 = System.nanoTime();
        AssociateRequestPeek rq;
        try {
            s.setSoTimeout(30_000);
            rq = AssociateRequestPeek.read(s.getInputStream());
        } catch (IOException e) {
            log.warn("DICOM receiver: connection from {} dropped before association: {}", host, e.getMessage());
            return;
        }
        String calling = rq.callingAeTitle;
        try {
            if (!allowedAddresses.isEmpty() && !allowedAddresses.contains(host)) {
                log.warn("DICOM receiver: refused association from {}@{}: host not in the allow-list", calling, host);
                AssociateRequestPeek.sendReject(s.getOutputStream(), 1);
                return;
            }
            if (!rq.calledAeTitle.equals(config.aeTitle())) {
                log.warn("DICOM receiver: refused association from {}@{}: called AE title '{}' is not ours ({})", calling, host,
                        rq.calledAeTitle, config.aeTitle());
                AssociateRequestPeek.sendReject(s.getOutputStream(), 7);
                return;
            }
            if (!config.allowedCallingAets().isEmpty() && !config.allowedCallingAets().contains(calling)) {
                log.warn("DICOM receiver: refused association from {}@{}: calling AE title not in the allow-list", calling, host);
                AssociateRequestPeek.sendReject(s.getOutputStream(), 3);
                return;
            }
            s.setSoTimeout(0);
        } catch (IOException e) {
            log.warn("DICOM receiver: connection from {}@{} failed: {}", calling, host, e.getMessage());
            return;
        }
        long n = associations.incrementAndGet();
        active.incrementAndGet();
        AtomicLong count = new AtomicLong();
        log.info("DICOM receiver: association #{} from {}@{} accepted", n, calling, host);
        ReceivedObjectHandler handler = new ReceivedObjectHandler() {
            @Override
            public void sendReceivedObjectIndication(String fileName, String transferSyntax, String callingAe) throws IOException {
                SpooledInstance inst = spool.commit(Path.of(fileName), transferSyntax, callingAe, host);
                try {
                    listener.spooled(inst);
                } catch (Exception e) {
                    // the spooled file is named by its UIDs and the message may quote header values: both only at DEBUG
                    log.error("DICOM receiver: hand-off of a received instance failed, answering failure to {}@{}", callingAe, host);
                    log.debug("DICOM receiver: hand-off of {} failed: {}", inst.file(), e.getMessage());
                    throw new IOException("hand-off failed: " + e.getMessage(), e);
                }
                count.incrementAndGet();
                received.incrementAndGet();
            }
        };
        try {
            StorageSOPClassSCP scp = new StorageSOPClassSCP(new PrefixedSocket(s, rq.bytes), config.aeTitle(),
                    AssociationFactory.getDefaultMaximumLengthReceived(), 0, 0,
                    spool.incoming().toFile(), StoredFilePathStrategy.BYSOPINSTANCEUIDINSINGLEFOLDER, handler, null,
                    null, null, null, new AnyExplicitStorePresentationContextSelectionPolicy());
            scp.run();
        } catch (Exception e) {
            log.warn("DICOM receiver: association #{} from {}@{} failed: {}", n, calling, host, e.toString());
        } finally {
            active.decrementAndGet();
            log.info("DICOM receiver: association #{} from {}@{} ended: {} instances in {} s", n, calling, host, count.get(),
                    String.format(Locale.ROOT, "%.1f", (System.nanoTime() - t0) / 1e9));
        }
    }

    private static Set<String> resolve(Set<String> hosts) throws IOException {
        if (hosts.isEmpty()) return Set.of();
        Set<String> out = ConcurrentHashMap.newKeySet();
        for (String h : hosts) {
            for (InetAddress a : InetAddress.getAllByName(h)) out.add(a.getHostAddress());
        }
        // ::1 prints as 0:0:0:0:0:0:0:1
        return out.stream().collect(Collectors.toUnmodifiableSet());
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    static boolean isClosedSocket(Exception e) {
        return e instanceof SocketException;
    }
}
