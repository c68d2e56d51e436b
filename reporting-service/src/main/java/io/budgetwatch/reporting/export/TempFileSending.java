package io.budgetwatch.reporting.export;

import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import org.jboss.logging.Logger;

import java.nio.file.Path;

/**
 * A download written to a temp file and sent from it (the response body is the file, sent by the server, never
 * held in the heap), the file deleted once the exchange is over: sent, failed, or the client gone, whichever comes
 * first. The file is handed over as soon as it exists ({@link #hold}, on the worker thread that wrote it), so a
 * request dropped while its workbook was being written leaves no file behind either: a file that arrives after the
 * end is deleted at once. Deletion is asynchronous (Vert.x file system): nothing blocks the event loop.
 */
final class TempFileSending {

    private static final Logger LOG = Logger.getLogger(TempFileSending.class);

    private final Vertx vertx;
    private Path file;
    private boolean ended;

    private TempFileSending(Vertx vertx) {
        this.vertx = vertx;
    }

    /** Registers the deletion with the exchange (on its event loop, before anything is written). */
    static TempFileSending deleteOnEnd(RoutingContext routing) {
        TempFileSending sending = new TempFileSending(routing.vertx());
        routing.addEndHandler(done -> sending.end());
        return sending;
    }

    /** Takes charge of {@code written}: it is deleted when the exchange ends (at once when it has ended). */
    Path hold(Path written) {
        boolean late;
        synchronized (this) {
            late = ended;
            if (!late) {
                file = written;
            }
        }
        if (late) {
            delete(written);
        }
        return written;
    }

    private void end() {
        Path held;
        synchronized (this) {
            ended = true;
            held = file;
            file = null;
        }
        if (held != null) {
            delete(held);
        }
    }

    private void delete(Path path) {
        vertx.fileSystem().delete(path.toString())
                .onFailure(e -> LOG.warnf(e, "Temp file %s of a download could not be deleted", path));
    }
}
