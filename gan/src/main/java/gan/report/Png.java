package gan.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Writes PNG files through a temporary file and a rename, so a viewer refreshing
 * {@code losses.png} during training never sees a half-written image. Callers run with
 * {@code java.awt.headless=true} (the CLI sets it first thing) so no display is needed.
 *
 * <p>The encoder writes through a memory cache, never {@code ImageIO.write}'s default file
 * cache: that one is closed by ImageIO's own shutdown hook, so a Ctrl-C arriving while
 * {@code losses.png} was written failed the write ("closed") and lost the run's
 * "interrupted" checkpoint message (MainProcessTest caught it about one run in six under load).
 */
public final class Png {
    private Png() {}

    /** Writes {@code img} to {@code file} as PNG. */
    public static void write(Path file, BufferedImage img) throws IOException {
        Path abs = file.toAbsolutePath();
        Files.createDirectories(abs.getParent());
        Path tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName() + ".", ".tmp");
        try {
            if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                // temp files are owner-only; an image should be readable like any other output
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            }
            try (OutputStream out = Files.newOutputStream(tmp)) {
                encode(img, out, file);
            }
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void encode(BufferedImage img, OutputStream out, Path file) throws IOException {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
        if (!writers.hasNext()) {
            throw new IOException(file + ": no PNG writer available");
        }
        ImageWriter writer = writers.next();
        try (ImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(img);
        } finally {
            writer.dispose();
        }
    }
}
