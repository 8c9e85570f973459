package org.followthrough.email;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs mail work (a poll, a send) after the transaction that claimed it commits, so no database
 * connection is held while a mail server answers. In the background by default, at most a few at
 * a time; on the committing thread when {@code followthrough.mail.background=false} (tests).
 */
@Component
public class MailWork implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(MailWork.class);
    private static final int AT_ONCE = 8;

    private final boolean background;
    private final ExecutorService executor = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("mail-", 0).factory());
    private final Semaphore slots = new Semaphore(AT_ONCE);

    MailWork(MailProperties properties) {
        this.background = properties.background();
    }

    /** Runs the work once the current transaction has committed; not at all if it rolls back. */
    public void afterCommit(String what, Runnable work) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                run(what, work);
            }
        });
    }

    /** Runs the work now, in the background unless configured not to; for callers already past a commit. */
    public void run(String what, Runnable work) {
        if (!background) {
            work.run();
            return;
        }
        executor.execute(() -> {
            try {
                slots.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                work.run();
            } catch (RuntimeException e) {
                log.error("{} failed", what, e);
            } finally {
                slots.release();
            }
        });
    }

    @Override
    public void destroy() {
        executor.shutdown();
    }
}
