package io.bookingkit.examples.live;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The threads the server runs its exchanges on. */
final class Threads {

    private static final Logger LOG = LoggerFactory.getLogger(Threads.class);

    private Threads() {
    }

    /**
     * A thread per task: virtual threads on Java 21 and later, a cached pool of daemon threads
     * on Java 17. The project compiles for Java 17, where
     * {@code Executors.newVirtualThreadPerTaskExecutor()} does not exist, so it is looked up
     * reflectively. Each open event stream holds its thread for as long as the client stays:
     * cheap on virtual threads, one platform thread per browser tab on 17.
     */
    static ExecutorService perTask(String name) {
        try {
            ExecutorService virtual = (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor")
                    .invoke(null);
            LOG.debug("{} runs on virtual threads", name);
            return virtual;
        } catch (ReflectiveOperationException e) {
            LOG.debug("{} runs on a cached thread pool: this JVM ({}) has no virtual threads", name,
                    System.getProperty("java.version"));
            return Executors.newCachedThreadPool(daemons(name));
        }
    }

    static ThreadFactory daemons(String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
