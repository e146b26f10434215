package gan.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Keeps the decompressed bytes of gzip IDX files so that later runs skip inflating: the
 * 26 MB Fashion-MNIST training images take a few hundred milliseconds to inflate and tens of
 * milliseconds to read back raw. An entry is keyed by the source's real path, size,
 * modification time (in nanoseconds) and gzip trailer (the CRC-32 of the content), so
 * replacing or touching the source invalidates it; an entry that
 * fails to parse is deleted and rebuilt. Caching is best effort: a folder that cannot be
 * written only costs the speed-up, never the load.
 */
final class DecodeCache {
    private final Path dir;
    private final Consumer<String> log;

    /** A cache in {@code dir}; {@code null} disables caching. */
    DecodeCache(Path dir, Consumer<String> log) {
        this.dir = dir;
        this.log = log;
    }

    /** Reads an images file, through the cache when it is gzip-compressed. */
    IdxArray readImages(Path source) throws DatasetException {
        if (dir == null || !isGzip(source)) {
            return Idx.read(source, 3, 4, "images");
        }
        String prefix = entryPrefix(source);
        Path entry;
        try {
            entry = dir.resolve(prefix + Files.size(source) + "-"
                    + Files.getLastModifiedTime(source).to(TimeUnit.NANOSECONDS) + "-" + gzipTrailer(source) + ".idx");
        } catch (IOException e) {
            throw new DatasetException(source, "cannot read: " + e, e);
        }
        if (Files.isRegularFile(entry)) {
            try {
                return Idx.read(entry, 3, 4, "images");
            } catch (DatasetException e) {
                log.accept("Ignoring a damaged cache entry (" + e.getMessage() + "); decoding again");
                AtomicFiles.deleteQuietly(entry);
            }
        }
        IdxArray array = Idx.read(source, 3, 4, "images");
        store(prefix, entry, array);
        return array;
    }

    /**
     * The last 8 bytes of a gzip file (CRC-32 and length of the uncompressed data) as hex: a
     * file rewritten with the same size within the clock's resolution (a millisecond was seen
     * to be too coarse) still gets a new key when its content changed.
     */
    private static String gzipTrailer(Path source) throws IOException {
        try (SeekableByteChannel ch = Files.newByteChannel(source)) {
            ByteBuffer tail = ByteBuffer.allocate(8);
            ch.position(Math.max(0, ch.size() - 8));
            while (tail.hasRemaining() && ch.read(tail) > 0) {
                // read the whole trailer
            }
            StringBuilder hex = new StringBuilder();
            for (int i = 0; i < tail.position(); i++) {
                hex.append(String.format("%02x", tail.get(i)));
            }
            return hex.toString();
        }
    }

    private void store(String prefix, Path entry, IdxArray array) {
        try {
            Files.createDirectories(dir);
            removeStale(prefix);
            Idx.write(entry, array, false);
        } catch (IOException | DatasetException e) {
            log.accept("Not caching the decoded images in " + dir + " (" + DatasetException.oneLine(
                    e.getMessage()) + "); later loads will decompress again");
        }
    }

    private void removeStale(String prefix) throws IOException {
        try (DirectoryStream<Path> old = Files.newDirectoryStream(dir, prefix + "*.idx")) {
            for (Path p : old) {
                AtomicFiles.deleteQuietly(p);
            }
        }
    }

    /** File name stem plus a hash of the real path: two datasets' train files never collide. */
    private static String entryPrefix(Path source) throws DatasetException {
        Path real;
        try {
            real = source.toRealPath();
        } catch (IOException e) {
            throw new DatasetException(source, "cannot read: " + e, e);
        }
        String stem = real.getFileName().toString().replaceAll("\\.gz$", "");
        long h = 1125899906842597L;
        for (byte b : real.toString().getBytes(StandardCharsets.UTF_8)) {
            h = 31 * h + b;
        }
        return stem + "-" + Long.toHexString(h) + "-";
    }

    static boolean isGzip(Path file) throws DatasetException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1F && in.read() == 0x8B;
        } catch (IOException e) {
            throw new DatasetException(file, "cannot read: " + e, e);
        }
    }
}
