package org.followthrough.email.inbound;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import org.followthrough.email.inbound.MailIngest.Read;

/**
 * Splits a poll's messages into lanes that can be filed side by side without stepping on each
 * other. Messages that could touch the same thing travel in the same lane, in the order they were
 * read: a reply and the message it answers (Message-ID, In-Reply-To, References), everything from
 * one sender (finding or creating the customer), one case token, one bouncing address, and two
 * copies of one message. So a reply is never filed before its original, and two lanes never both
 * create the same customer. Lanes are balanced by message count.
 */
final class FilingLanes {

    private FilingLanes() {}

    /** The lanes (at most {@code lanes}, none empty), each the indexes of its messages in read order. */
    static List<List<Integer>> split(List<Read> reads, int lanes) {
        int n = reads.size();
        if (lanes <= 1 || n <= 1) {
            var all = new ArrayList<Integer>(n);
            for (int i = 0; i < n; i++) {
                all.add(i);
            }
            return n == 0 ? List.of() : List.of(all);
        }
        var groups = new Groups(n);
        var firstWith = new HashMap<String, Integer>(n * 4);
        for (int i = 0; i < n; i++) {
            for (var touch : touches(reads.get(i))) {
                var earlier = firstWith.putIfAbsent(touch, i);
                if (earlier != null) {
                    groups.join(earlier, i);
                }
            }
        }
        // Groups in the order of their first message, each to the lane with the fewest messages.
        var members = new HashMap<Integer, List<Integer>>();
        var order = new ArrayList<Integer>();
        for (int i = 0; i < n; i++) {
            members.computeIfAbsent(groups.root(i), root -> {
                        order.add(root);
                        return new ArrayList<>();
                    })
                    .add(i);
        }
        var result = new ArrayList<List<Integer>>(lanes);
        for (int l = 0; l < lanes; l++) {
            result.add(new ArrayList<>());
        }
        for (var root : order) {
            var lightest = result.getFirst();
            for (var lane : result) {
                if (lane.size() < lightest.size()) {
                    lightest = lane;
                }
            }
            lightest.addAll(members.get(root));
        }
        result.removeIf(List::isEmpty);
        for (var lane : result) {
            lane.sort(null);
        }
        return result;
    }

    /** What filing this message may read or write that another message could too. */
    static List<String> touches(Read read) {
        var touches = new ArrayList<String>();
        touches.add("message " + read.key());
        var mail = read.mail();
        if (mail == null) {
            return touches;
        }
        for (var reference : MailThreads.headerReferences(mail)) {
            touches.add("message " + reference);
        }
        touches.add("address " + lower(mail.from().address()));
        var token = MailThreads.CASE_TOKEN.matcher(mail.subject());
        while (token.find()) {
            touches.add("case " + token.group(1));
        }
        if (mail.bounce() != null) {
            if (mail.bounce().originalMessageId() != null) {
                touches.add("message " + mail.bounce().originalMessageId());
            }
            for (var address : mail.bounce().failedRecipients()) {
                touches.add("address " + lower(address));
            }
        }
        return touches;
    }

    private static String lower(String address) {
        return address == null ? "" : address.toLowerCase(Locale.ROOT);
    }

    /** Union-find over message indexes. */
    private static final class Groups {
        private final int[] parent;

        Groups(int n) {
            parent = new int[n];
            for (int i = 0; i < n; i++) {
                parent[i] = i;
            }
        }

        int root(int i) {
            while (parent[i] != i) {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }
            return i;
        }

        void join(int a, int b) {
            int ra = root(a);
            int rb = root(b);
            if (ra != rb) {
                // the earlier message's root stays the root: groups keep the order of their first message
                parent[Math.max(ra, rb)] = Math.min(ra, rb);
            }
        }
    }
}
