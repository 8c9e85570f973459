package org.followthrough.email.inbound;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.search.FlagTerm;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.MessageSet;
import org.followthrough.email.MailProperties;
import org.followthrough.email.MailWork;
import org.followthrough.email.inbound.MailIngest.Outcome;
import org.followthrough.email.mailboxes.MailServers;
import org.followthrough.email.mailboxes.Mailbox;
import org.followthrough.email.mailboxes.MailboxDesk;
import org.followthrough.email.mailboxes.MailboxId;
import org.followthrough.timer.TimerHandler;
import org.followthrough.timer.Timers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.stereotype.Component;

/**
 * Reads a mailbox's new mail. The {@code mail.poll} timer fires for each mailbox at its interval on
 * whichever node takes it; that node leases the mailbox, so one node reads it at a time, and reads
 * after the lease's transaction commits, holding no database connection while the server talks.
 *
 * <p>Never losing a message rests on one order: a message is flagged seen on the server only after
 * its case entry (or its quarantine record) has committed, and it is read with {@code BODY.PEEK},
 * which does not flag it. A crash anywhere leaves it unseen, it is read again, and the ingest
 * recognises it by its key and adds nothing twice.
 *
 * <p>A batch is filed on {@code followthrough.mail.filing-lanes} lanes side by side, split so that
 * messages which could touch the same case or customer share a lane (see {@link FilingLanes}).
 */
@Component
class MailPoller implements TimerHandler {

    static final String POLL_TIMER = MailboxDesk.POLL_TIMER;
    private static final Logger log = LoggerFactory.getLogger(MailPoller.class);
    private static final Duration LEASE = Duration.ofMinutes(2);
    /** Messages filed in one transaction and then flagged seen on the server together. */
    private static final int FLAG_EVERY = 25;

    private final MailboxDesk mailboxes;
    private final MailServers servers;
    private final MailIngest ingest;
    private final Timers timers;
    private final MailWork work;
    private final MailProperties properties;
    private final Clock clock;
    /** Held while a lane flags its group: a lock, as {@code synchronized} would pin a virtual thread. */
    private final ReentrantLock flagging = new ReentrantLock();

    MailPoller(
            MailboxDesk mailboxes,
            MailServers servers,
            MailIngest ingest,
            Timers timers,
            MailWork work,
            MailProperties properties,
            Clock clock) {
        this.mailboxes = mailboxes;
        this.servers = servers;
        this.ingest = ingest;
        this.timers = timers;
        this.work = work;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public String kind() {
        return POLL_TIMER;
    }

    @Override
    public void fire(UUID mailboxId, Instant dueAt) {
        var mailbox = mailboxes.find(new MailboxId(mailboxId)).orElse(null);
        if (mailbox == null || !mailbox.active()) {
            return;
        }
        var now = clock.instant();
        timers.set(POLL_TIMER, mailboxId, now.plus(mailbox.pollInterval()));
        if (!mailboxes.takePollLease(mailbox.id(), now, LEASE)) {
            return;
        }
        work.afterCommit("Polling " + mailbox.address(), () -> poll(mailbox));
    }

    /** What one poll did: how many messages went where, and the error that ended it, if one did. */
    record Poll(Map<Outcome, Integer> outcomes, String error) {

        int total() {
            return outcomes.values().stream().mapToInt(Integer::intValue).sum();
        }

        int count(Outcome outcome) {
            return outcomes.getOrDefault(outcome, 0);
        }
    }

    /** Reads everything unseen now (within the poll budget), then gives the lease back. */
    Poll poll(Mailbox mailbox) {
        var outcomes = new EnumMap<Outcome, Integer>(Outcome.class);
        var spent = new Spent();
        String error = null;
        long started = System.nanoTime();
        long deadline = started + properties.pollBudget().toNanos();
        try (var store = servers.connectImap(mailbox)) {
            var folder = store.getFolder(mailbox.imapFolder());
            folder.open(Folder.READ_WRITE);
            try {
                while (System.nanoTime() < deadline) {
                    long t = System.nanoTime();
                    var unseen = folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
                    spent.searching += System.nanoTime() - t;
                    if (unseen.length == 0) {
                        break;
                    }
                    var batch = Arrays.copyOf(unseen, Math.min(unseen.length, properties.pollBatch()));
                    read(mailbox, folder, batch, outcomes, spent);
                    mailboxes.renewPollLease(mailbox.id(), LEASE);
                }
            } finally {
                folder.close(false);
            }
        } catch (MessagingException | RuntimeException e) {
            error = MailServers.describe(e instanceof Exception ex ? ex : new RuntimeException(e), mailbox, "IMAP");
            log.warn("Polling {} failed: {}", mailbox.address(), error);
        } finally {
            mailboxes.endPoll(mailbox.id(), error);
        }
        if (outcomes.values().stream().anyMatch(n -> n > 0)) {
            log.info(
                    "Polled {}: {} in {} ms (searching {} ms, fetching {} ms; on {} lanes, filing {} ms, flagging {} ms)",
                    mailbox.address(),
                    outcomes,
                    (System.nanoTime() - started) / 1_000_000,
                    spent.searching / 1_000_000,
                    spent.fetching / 1_000_000,
                    spent.lanes,
                    spent.filing / 1_000_000,
                    spent.flagging / 1_000_000);
        }
        return new Poll(outcomes, error);
    }

    /** Where a poll's time went, for its log line; filing and flagging are summed over the lanes. */
    private static final class Spent {
        long searching;
        long fetching;
        long filing;
        long flagging;
        int lanes = 1;
    }

    /**
     * What one lane did: the messages it filed (and flagged seen), its time filing and flagging, and
     * what stopped it, if something did before its last group.
     */
    private record Lane(List<MailIngest.Result> results, long filing, long flagging, Exception failure) {}

    /**
     * Fetches a batch, then files it on up to {@code filing-lanes} lanes side by side (see {@link
     * FilingLanes}: a reply never overtakes its original). Each lane files its messages in groups,
     * one transaction each, and flags a group seen once it has committed.
     */
    private void read(Mailbox mailbox, Folder folder, Message[] batch, Map<Outcome, Integer> outcomes, Spent spent)
            throws MessagingException {
        long t = System.nanoTime();
        var raws = fetch(folder, batch);
        spent.fetching += System.nanoTime() - t;
        var messages = new ArrayList<Message>(batch.length);
        var present = new ArrayList<byte[]>(batch.length);
        for (int i = 0; i < batch.length; i++) {
            if (raws[i] != null) {
                messages.add(batch[i]);
                present.add(raws[i]);
            }
        }
        var reads = ingest.readAll(mailbox, present);
        var lanes = FilingLanes.split(reads, properties.filingLanes());
        spent.lanes = Math.max(spent.lanes, lanes.size());
        var done = lanes.size() == 1
                ? List.of(fileLane(mailbox, folder, messages, reads, lanes.getFirst()))
                : fileSideBySide(mailbox, folder, messages, reads, lanes);
        Exception failed = null;
        for (var lane : done) {
            lane.results().forEach(result -> outcomes.merge(result.outcome(), 1, Integer::sum));
            spent.filing += lane.filing();
            spent.flagging += lane.flagging();
            failed = failed == null ? lane.failure() : failed;
        }
        switch (failed) {
            case null -> {}
            case MessagingException e -> throw e;
            case RuntimeException e -> throw e;
            default -> throw new MessagingException("Filing failed", failed);
        }
    }

    /** Each lane on a virtual thread of its own; returns when all have ended. */
    private List<Lane> fileSideBySide(
            Mailbox mailbox,
            Folder folder,
            List<Message> messages,
            List<MailIngest.Read> reads,
            List<List<Integer>> lanes) {
        var running = new ArrayList<Future<Lane>>(lanes.size());
        try (var threads = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("mail-lane-", 0).factory())) {
            for (var lane : lanes) {
                running.add(threads.submit(() -> fileLane(mailbox, folder, messages, reads, lane)));
            }
        }
        return running.stream().map(Future::resultNow).toList();
    }

    /**
     * One lane: its messages in read order, a transaction per group, flagged seen after each commit.
     * A failure ends the lane; the groups before it stay filed and flagged.
     */
    private Lane fileLane(
            Mailbox mailbox, Folder folder, List<Message> messages, List<MailIngest.Read> reads, List<Integer> lane) {
        var results = new ArrayList<MailIngest.Result>(lane.size());
        long filing = 0;
        long flagging = 0;
        try {
            for (int from = 0; from < lane.size(); from += FLAG_EVERY) {
                var indexes = lane.subList(from, Math.min(lane.size(), from + FLAG_EVERY));
                long t = System.nanoTime();
                results.addAll(
                        fileWithRetry(mailbox, indexes.stream().map(reads::get).toList()));
                filing += System.nanoTime() - t;
                t = System.nanoTime();
                flagSeen(folder, indexes.stream().map(messages::get).toList());
                flagging += System.nanoTime() - t;
            }
        } catch (MessagingException | RuntimeException e) {
            return new Lane(results, filing, flagging, e);
        }
        return new Lane(results, filing, flagging, null);
    }

    /**
     * Files a group, again when the database chose it to break a lock cycle with another lane (two
     * lanes' messages can still meet on one case, reached by different routes). The whole group
     * rolled back, so trying again adds nothing twice.
     */
    private List<MailIngest.Result> fileWithRetry(Mailbox mailbox, List<MailIngest.Read> group) {
        for (int attempt = 1; ; attempt++) {
            try {
                return ingest.fileAll(mailbox, group);
            } catch (ConcurrencyFailureException e) {
                if (attempt == 3) {
                    throw e;
                }
                log.info(
                        "Filing {} messages of {} met another lane ({}); trying again",
                        group.size(),
                        mailbox.address(),
                        e.getClass().getSimpleName());
            }
        }
    }

    /**
     * The raw bytes of each message (null for one expunged meanwhile), fetched in one {@code FETCH
     * … (BODY.PEEK[])} command: reading a message must not flag it seen, only its committed ingest
     * may; and the bytes go straight to our parser, not through Jakarta Mail's message objects.
     */
    static byte[][] fetch(Folder folder, Message[] batch) throws MessagingException {
        var raws = new byte[batch.length][];
        if (!(folder instanceof IMAPFolder imap)) {
            throw new MessagingException("Only IMAP folders are read");
        }
        var numbers = Arrays.stream(batch)
                .mapToInt(Message::getMessageNumber)
                .sorted()
                .toArray();
        var bodies = new HashMap<Integer, byte[]>(batch.length * 2);
        imap.doCommand(protocol -> {
            Response[] responses = protocol.fetch(MessageSet.createMessageSets(numbers), "BODY.PEEK[]");
            for (var response : responses) {
                if (response instanceof FetchResponse fetched) {
                    var body = fetched.getItem(BODY.class);
                    if (body != null && body.getByteArray() != null) {
                        var bytes = body.getByteArray();
                        bodies.put(
                                fetched.getNumber(),
                                Arrays.copyOfRange(
                                        bytes.getBytes(), bytes.getStart(), bytes.getStart() + bytes.getCount()));
                    }
                }
            }
            protocol.notifyResponseHandlers(responses);
            protocol.handleResult(responses[responses.length - 1]);
            return null;
        });
        for (int i = 0; i < batch.length; i++) {
            raws[i] = bodies.get(batch[i].getMessageNumber());
        }
        return raws;
    }

    /** Lanes flag their groups one at a time: the folder is one IMAP connection. */
    private void flagSeen(Folder folder, List<Message> done) throws MessagingException {
        if (done.isEmpty()) {
            return;
        }
        flagging.lock();
        try {
            folder.setFlags(done.toArray(Message[]::new), new Flags(Flags.Flag.SEEN), true);
        } finally {
            flagging.unlock();
        }
    }
}
