package org.radbridge.cli;

import org.radbridge.config.RadBridgeSettings;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * Who runs the data directory's database: an operating-system lock on data/radbridge.lock, held for as long as a
 * process (a server, or a command that found no server) uses the embedded PostgreSQL. The system releases it when
 * the process dies, however it dies, so a killed owner never blocks the next one. Together with data/server.starting
 * (see {@link ServerLock}) it closes the start-up race: a server announces itself first and then takes this lock; a
 * command takes this lock and then looks again for an announcement, and steps back if it finds one.
 */
final class DataDirectoryLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    private static Path file(RadBridgeSettings s) {
        return s.dataDir().resolve("radbridge.lock");
    }

    /** The lock, or null when another process (or another command of this process) holds it. */
    static DataDirectoryLock tryAcquire(RadBridgeSettings s) throws IOException {
        Files.createDirectories(s.dataDir());
        FileChannel ch = FileChannel.open(file(s), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            FileLock l = ch.tryLock();
            if (l != null) {
                ch.truncate(0);
                ch.write(java.nio.ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
                return new DataDirectoryLock(ch, l);
            }
        } catch (OverlappingFileLockException e) {
            // held by this JVM already
        }
        ch.close();
        return null;
    }

    /** Waits until the lock is free, saying once on standard error who holds it. */
    static DataDirectoryLock acquire(RadBridgeSettings s, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean told = false;
        while (true) {
            DataDirectoryLock l = tryAcquire(s);
            if (l != null) return l;
            if (!told) {
                System.err.println("radbridge: waiting for the command running on data directory " + s.dataDir() + " (pid " + holder(s)
                        + ") to finish with the database");
                told = true;
            }
            if (System.nanoTime() > deadline) throw new IOException("data directory " + s.dataDir() + " is still in use by pid " + holder(s)
                    + " after " + timeout.toMinutes() + " min");
            Thread.sleep(200);
        }
    }

    private static String holder(RadBridgeSettings s) {
        try {
            return Files.readString(file(s)).trim();
        } catch (IOException e) {
            return "?";
        }
    }

    @Override
    public void close() throws IOException {
        if (lock.isValid()) lock.release();
        channel.close();
    }
}
